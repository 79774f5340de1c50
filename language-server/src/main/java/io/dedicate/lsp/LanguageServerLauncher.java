package io.dedicate.lsp;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;

/** Runs the offering language server over a pair of streams (stdin and stdout for {@code dedicate lsp}). */
public final class LanguageServerLauncher {

    private LanguageServerLauncher() {}

    /** Serves until the client closes {@code in}; returns normally then. */
    public static void serve(InputStream in, OutputStream out) throws InterruptedException {
        OfferingLanguageServer server = new OfferingLanguageServer();
        Launcher<LanguageClient> launcher = LSPLauncher.createServerLauncher(server, in, out);
        server.connect(launcher.getRemoteProxy());
        Future<Void> listening = launcher.startListening();
        try {
            listening.get();
        } catch (ExecutionException e) {
            // the stream ended or broke: the editor went away
        }
    }
}
