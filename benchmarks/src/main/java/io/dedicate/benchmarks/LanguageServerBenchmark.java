package io.dedicate.benchmarks;

import io.dedicate.lsp.LanguageServerLauncher;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The language server, warm: one keystroke in {@code offerings/mysql.offering} to its published diagnostics, through
 * the protocol as an editor speaks it. The real server ({@link LanguageServerLauncher#serve}, what {@code dedicate lsp}
 * runs) reads JSON-RPC from a pipe on its own thread; this benchmark is the editor on the other ends of the pipes. It
 * opens the file, then each operation sends one {@code textDocument/didChange} (the whole text, as the server asks)
 * and waits for the {@code textDocument/publishDiagnostics} of that file. The server does not debounce: the time is
 * the JSON-RPC both ways, the recompilation of what is open (parse, validate, emit, render check) and the conversion
 * of the diagnostics.
 *
 * <p>The keystrokes cycle through: type a character in a plan's description (a doc string), delete it, type a digit
 * in that plan's disk size (a number), delete it. Every text compiles without error, so every keystroke runs the whole
 * compiler. Run from the repository root:
 *
 * <pre>
 * mvn -q -B -DskipTests -pl benchmarks -am package
 * java -jar benchmarks/target/benchmarks.jar LanguageServerBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LanguageServerBenchmark {

    private static final String DESCRIPTION = "description \"3 mysql nodes";
    private static final String DISK = "disk 10GB";

    private final BlockingQueue<List<Diagnostic>> published = new LinkedBlockingQueue<>();
    private String uri = "";
    private List<String> keystrokes = List.of();
    private int next;
    private int version;
    private LanguageServer server;
    private PipedOutputStream toServer;
    private Thread serverThread;
    private Future<Void> editorListening;

    @Setup
    public void openMysqlOffering() throws IOException, InterruptedException {
        Path file = Path.of(System.getProperty("dedicate.offerings", "offerings"), "mysql.offering");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no " + file.toAbsolutePath() + ": run from the repository root");
        }
        uri = file.toAbsolutePath().normalize().toUri().toString();
        String text = Files.readString(file);
        String typedInDoc = insertAfter(text, DESCRIPTION, "x");
        String typedInNumber = insertAfter(text, DISK.substring(0, DISK.length() - 2), "0");
        keystrokes = List.of(typedInDoc, text, typedInNumber, text);

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
        Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(new Editor(), clientIn, toServer);
        editorListening = launcher.startListening();
        server = launcher.getRemoteProxy();
        server.initialize(new InitializeParams()).join();
        server.initialized(new InitializedParams());
        server.getTextDocumentService()
                .didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "dedicate", ++version, text)));
        List<Diagnostic> opened = awaitDiagnostics();
        if (!opened.isEmpty()) {
            throw new IllegalStateException("mysql.offering has diagnostics: " + opened);
        }
        for (String keystroke : keystrokes) {
            change(keystroke);
            List<Diagnostic> after = awaitDiagnostics();
            if (!after.isEmpty()) {
                throw new IllegalStateException("a keystroke's text has diagnostics: " + after);
            }
        }
    }

    /** One keystroke to its diagnostics. */
    @Benchmark
    public List<Diagnostic> keystrokeToDiagnostics() throws InterruptedException {
        change(keystrokes.get(next));
        next = (next + 1) % keystrokes.size();
        return awaitDiagnostics();
    }

    @TearDown
    public void close() throws IOException, InterruptedException {
        server.shutdown().join();
        server.exit();
        toServer.close();
        editorListening.cancel(true);
        serverThread.join(10_000);
    }

    private void change(String text) {
        server.getTextDocumentService()
                .didChange(new DidChangeTextDocumentParams(
                        new VersionedTextDocumentIdentifier(uri, ++version),
                        List.of(new TextDocumentContentChangeEvent(text))));
    }

    private List<Diagnostic> awaitDiagnostics() throws InterruptedException {
        List<Diagnostic> diagnostics = published.poll(30, TimeUnit.SECONDS);
        if (diagnostics == null) {
            throw new IllegalStateException("no diagnostics published for " + uri + " within 30 s");
        }
        return diagnostics;
    }

    private static String insertAfter(String text, String anchor, String typed) {
        int at = text.indexOf(anchor);
        if (at < 0) {
            throw new IllegalStateException("mysql.offering no longer contains `" + anchor + "`");
        }
        int end = at + anchor.length();
        return text.substring(0, end) + typed + text.substring(end);
    }

    /** The editor's side: keeps the diagnostics published for the benchmarked file. */
    private final class Editor implements LanguageClient {
        @Override
        public void publishDiagnostics(PublishDiagnosticsParams params) {
            if (params.getUri().equals(uri)) {
                published.add(params.getDiagnostics());
            }
        }

        @Override
        public void telemetryEvent(Object object) {}

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
