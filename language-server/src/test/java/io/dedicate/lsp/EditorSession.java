package io.dedicate.lsp;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * An editor talking to the real server over the LSP protocol (JSON-RPC on a pair of pipes, as over stdio): what the
 * tests do is what an editor does.
 */
final class EditorSession implements AutoCloseable {

    private final LanguageServer server;
    private final PipedOutputStream toServer;
    private final Thread serverThread;
    private final Future<Void> clientListening;
    private final Map<String, BlockingQueue<List<Diagnostic>>> diagnostics = new ConcurrentHashMap<>();
    private int version;

    EditorSession() {
        try {
            PipedInputStream serverIn = new PipedInputStream(1 << 16);
            toServer = new PipedOutputStream(serverIn);
            PipedInputStream clientIn = new PipedInputStream(1 << 16);
            PipedOutputStream serverOut = new PipedOutputStream(clientIn);
            serverThread = new Thread(
                    () -> {
                        try {
                            LanguageServerLauncher.serve(serverIn, serverOut);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "language-server");
            serverThread.setDaemon(true);
            serverThread.start();
            Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(new Client(), clientIn, toServer);
            clientListening = launcher.startListening();
            server = launcher.getRemoteProxy();
            InitializeResult initialized = get(server.initialize(new InitializeParams()));
            if (initialized.getCapabilities().getHoverProvider() == null) {
                throw new AssertionError("the server announced no hover");
            }
            server.initialized(new InitializedParams());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void open(Path file, String text) {
        server.getTextDocumentService()
                .didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri(file), "dedicate", ++version, text)));
    }

    void change(Path file, String text) {
        server.getTextDocumentService()
                .didChange(new DidChangeTextDocumentParams(
                        new VersionedTextDocumentIdentifier(uri(file), ++version),
                        List.of(new TextDocumentContentChangeEvent(text))));
    }

    /** The next diagnostics the server publishes for {@code file} (waits up to 30 s). */
    List<Diagnostic> nextDiagnostics(Path file) {
        try {
            List<Diagnostic> next = queue(uri(file)).poll(30, TimeUnit.SECONDS);
            if (next == null) {
                throw new AssertionError("no diagnostics published for " + file + " within 30 s");
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Forgets the diagnostics published so far. */
    void drain() {
        diagnostics.values().forEach(BlockingQueue::clear);
    }

    List<CompletionItem> complete(Path file, int line, int character) {
        return get(server.getTextDocumentService()
                        .completion(new CompletionParams(
                                new TextDocumentIdentifier(uri(file)), new Position(line, character))))
                .getLeft();
    }

    List<? extends Location> definition(Path file, int line, int character) {
        return get(server.getTextDocumentService()
                        .definition(new DefinitionParams(
                                new TextDocumentIdentifier(uri(file)), new Position(line, character))))
                .getLeft();
    }

    Hover hover(Path file, int line, int character) {
        return get(server.getTextDocumentService()
                .hover(new HoverParams(new TextDocumentIdentifier(uri(file)), new Position(line, character))));
    }

    static String uri(Path file) {
        return file.toAbsolutePath().normalize().toUri().toString();
    }

    private BlockingQueue<List<Diagnostic>> queue(String uri) {
        return diagnostics.computeIfAbsent(uri, u -> new LinkedBlockingQueue<>());
    }

    private static <T> T get(CompletableFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the server did not answer: " + e, e);
        }
    }

    @Override
    public void close() throws IOException {
        get(server.shutdown());
        server.exit();
        toServer.close();
        clientListening.cancel(true);
        try {
            serverThread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Client implements LanguageClient {
        @Override
        public void telemetryEvent(Object object) {}

        @Override
        public void publishDiagnostics(PublishDiagnosticsParams params) {
            queue(params.getUri()).add(params.getDiagnostics());
        }

        @Override
        public void showMessage(MessageParams message) {}

        @Override
        public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams request) {
            return CompletableFuture.completedFuture(new MessageActionItem());
        }

        @Override
        public void logMessage(MessageParams message) {}
    }
}
