package io.dedicate.lsp;

import io.dedicate.dsl.Diagnostic;
import io.dedicate.dsl.OfferingParser;
import io.dedicate.dsl.ParseResult;
import io.dedicate.dsl.Severity;
import io.dedicate.dsl.ast.Member;
import io.dedicate.dsl.ast.SourceFile;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;
import org.jspecify.annotations.Nullable;

/**
 * The offering language's server. Documents are synchronised whole (every change sends the full text); every change
 * recompiles what is open and publishes the diagnostics of every file the compilation read, so a fix in a fragment
 * clears the errors it caused in the offering.
 */
public final class OfferingLanguageServer implements LanguageServer, LanguageClientAware {

    private final Analyzer analyzer = new Analyzer();
    private final Map<Path, String> open = new LinkedHashMap<>();
    private final Set<Path> published = new HashSet<>();
    private Declarations declarations = Declarations.none();
    private @Nullable LanguageClient client;
    private final TextDocumentService documents = new Documents();
    private final WorkspaceService workspace = new Workspace();

    @Override
    public void connect(LanguageClient client) {
        this.client = client;
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        ServerCapabilities capabilities = new ServerCapabilities();
        capabilities.setTextDocumentSync(TextDocumentSyncKind.Full);
        capabilities.setCompletionProvider(new CompletionOptions(false, List.of(".")));
        capabilities.setDefinitionProvider(true);
        capabilities.setHoverProvider(true);
        String version = OfferingLanguageServer.class.getPackage().getImplementationVersion();
        return CompletableFuture.completedFuture(new InitializeResult(
                capabilities, new ServerInfo("dedicate", version == null ? "development" : version)));
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void exit() {
        // the launcher ends when the client closes the stream
    }

    @Override
    public TextDocumentService getTextDocumentService() {
        return documents;
    }

    @Override
    public WorkspaceService getWorkspaceService() {
        return workspace;
    }

    /** Recompiles what is open and publishes every file's diagnostics (empty lists clear what was shown before). */
    synchronized void analyzeAndPublish() {
        Analysis analysis = analyzer.analyze(Map.copyOf(open));
        if (!analysis.declarations().all().isEmpty()) {
            declarations = analysis.declarations();
        }
        Set<Path> now = new HashSet<>(analysis.diagnostics().keySet());
        for (Map.Entry<Path, List<Diagnostic>> file : analysis.diagnostics().entrySet()) {
            publish(file.getKey(), file.getValue());
        }
        for (Path before : published) {
            if (!now.contains(before)) {
                publish(before, List.of());
            }
        }
        published.clear();
        published.addAll(now);
    }

    private void publish(Path file, List<Diagnostic> diagnostics) {
        LanguageClient connected = client;
        if (connected == null) {
            return;
        }
        String text = textOf(file);
        List<org.eclipse.lsp4j.Diagnostic> shown = new ArrayList<>();
        for (Diagnostic diagnostic : diagnostics) {
            org.eclipse.lsp4j.Diagnostic lsp = new org.eclipse.lsp4j.Diagnostic(
                    Positions.range(text, diagnostic.span()),
                    diagnostic.hint() == null ? diagnostic.message() : diagnostic.message() + "\n" + diagnostic.hint(),
                    diagnostic.severity() == Severity.ERROR ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
                    "dedicate",
                    diagnostic.code());
            shown.add(lsp);
        }
        connected.publishDiagnostics(new PublishDiagnosticsParams(file.toUri().toString(), shown));
    }

    private String textOf(Path file) {
        String text = open.get(file);
        if (text != null) {
            return text;
        }
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return "";
        }
    }

    private static Path pathOf(String uri) {
        return Analyzer.normalised(Path.of(URI.create(uri)));
    }

    synchronized List<CompletionItem> complete(Path file, Position position) {
        String text = textOf(file);
        Positions.Word word = Positions.wordAt(text, new Position(position.getLine(), position.getCharacter()));
        String prefix = word.text()
                .substring(
                        0,
                        Math.max(0, Math.min(word.text().length(), position.getCharacter() - word.startCharacter())));
        Map<String, CompletionItem> items = new LinkedHashMap<>();
        if (word.isParameterReference()) {
            for (Declaration declaration : declarations.all()) {
                if (declaration.kind().equals("parameter")) {
                    items.putIfAbsent(declaration.name(), item(declaration));
                }
            }
        } else {
            for (Declaration declaration : declarations.all()) {
                items.putIfAbsent(declaration.name(), item(declaration));
            }
            for (String job : declarations.releaseJobs()) {
                CompletionItem item = new CompletionItem(job);
                item.setKind(CompletionItemKind.Module);
                item.setDetail("release job");
                items.putIfAbsent(job, item);
            }
            for (String keyword : OfferingParser.keywords()) {
                CompletionItem item = new CompletionItem(keyword);
                item.setKind(CompletionItemKind.Keyword);
                items.putIfAbsent(keyword, item);
            }
        }
        return items.values().stream()
                .filter(i -> i.getLabel().startsWith(prefix))
                .toList();
    }

    private static CompletionItem item(Declaration declaration) {
        CompletionItem item = new CompletionItem(declaration.name());
        item.setDetail(declaration.signature());
        item.setKind(
                switch (declaration.kind()) {
                    case "parameter" -> CompletionItemKind.Field;
                    case "output" -> CompletionItemKind.Property;
                    case "release" -> CompletionItemKind.Module;
                    case "variable" -> CompletionItemKind.Variable;
                    default -> CompletionItemKind.Class;
                });
        if (!declaration.documentation().isEmpty()) {
            item.setDocumentation(new MarkupContent(MarkupKind.MARKDOWN, declaration.documentation()));
        }
        return item;
    }

    synchronized List<Location> definition(Path file, Position position) {
        String text = textOf(file);
        Optional<Path> included = includeAt(file, text, position);
        if (included.isPresent()) {
            return List.of(
                    new Location(included.get().toUri().toString(), new Range(new Position(0, 0), new Position(0, 0))));
        }
        Positions.Word word = Positions.wordAt(text, position);
        if (word.text().isEmpty()) {
            return List.of();
        }
        return declarations
                .find(word.text(), word.isParameterReference())
                .map(d -> {
                    Path declaredIn = Analyzer.path(d.span().file());
                    return List.of(
                            new Location(declaredIn.toUri().toString(), Positions.range(textOf(declaredIn), d.span())));
                })
                .orElse(List.of());
    }

    /** The fragment an {@code include "..."} names, when the position is on its path. */
    private static Optional<Path> includeAt(Path file, String text, Position position) {
        ParseResult parsed = OfferingParser.parse(file.toString(), text);
        SourceFile ast = parsed.ast();
        if (ast == null) {
            return Optional.empty();
        }
        int line = position.getLine() + 1;
        int column = Positions.column(text, position);
        for (Member member : ast.members()) {
            if (member instanceof Member.Include include) {
                var span = include.path().span();
                if (span.line() == line && column >= span.column() && column <= span.endColumn()) {
                    try {
                        return Optional.of(Analyzer.normalised(
                                file.resolveSibling(include.path().value())));
                    } catch (InvalidPathException e) {
                        return Optional.empty(); // no file to go to; the diagnostics say why (include-not-found)
                    }
                }
            }
        }
        return Optional.empty();
    }

    synchronized @Nullable Hover hover(Path file, Position position) {
        String text = textOf(file);
        Positions.Word word = Positions.wordAt(text, position);
        if (word.text().isEmpty()) {
            return null;
        }
        Optional<Declaration> declaration = declarations
                .declaredAt(file.toString(), position.getLine() + 1, Positions.column(text, position))
                .or(() -> declarations.find(word.text(), word.isParameterReference()));
        return declaration
                .map(d -> new Hover(
                        new MarkupContent(
                                MarkupKind.MARKDOWN,
                                "```\n" + d.signature() + "\n```\n" + d.kind()
                                        + (d.documentation().isEmpty() ? "" : "\n\n" + d.documentation())),
                        new Range(
                                new Position(position.getLine(), word.startCharacter()),
                                new Position(position.getLine(), word.endCharacter()))))
                .orElse(null);
    }

    private final class Documents implements TextDocumentService {

        @Override
        public void didOpen(DidOpenTextDocumentParams params) {
            synchronized (OfferingLanguageServer.this) {
                open.put(
                        pathOf(params.getTextDocument().getUri()),
                        params.getTextDocument().getText());
                analyzeAndPublish();
            }
        }

        @Override
        public void didChange(DidChangeTextDocumentParams params) {
            synchronized (OfferingLanguageServer.this) {
                List<TextDocumentContentChangeEvent> changes = params.getContentChanges();
                if (changes.isEmpty()) {
                    return;
                }
                open.put(
                        pathOf(params.getTextDocument().getUri()),
                        changes.get(changes.size() - 1).getText());
                analyzeAndPublish();
            }
        }

        @Override
        public void didClose(DidCloseTextDocumentParams params) {
            synchronized (OfferingLanguageServer.this) {
                open.remove(pathOf(params.getTextDocument().getUri()));
                analyzeAndPublish();
            }
        }

        @Override
        public void didSave(DidSaveTextDocumentParams params) {
            analyzeAndPublish();
        }

        @Override
        public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams params) {
            return CompletableFuture.completedFuture(
                    Either.forLeft(complete(pathOf(params.getTextDocument().getUri()), params.getPosition())));
        }

        @Override
        public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> definition(
                DefinitionParams params) {
            return CompletableFuture.completedFuture(Either.forLeft(OfferingLanguageServer.this.definition(
                    pathOf(params.getTextDocument().getUri()), params.getPosition())));
        }

        @Override
        public CompletableFuture<@Nullable Hover> hover(HoverParams params) {
            return CompletableFuture.completedFuture(OfferingLanguageServer.this.hover(
                    pathOf(params.getTextDocument().getUri()), params.getPosition()));
        }
    }

    private final class Workspace implements WorkspaceService {

        @Override
        public void didChangeConfiguration(DidChangeConfigurationParams params) {}

        @Override
        public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
            analyzeAndPublish();
        }
    }
}
