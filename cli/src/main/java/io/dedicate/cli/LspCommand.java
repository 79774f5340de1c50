package io.dedicate.cli;

import io.dedicate.lsp.LanguageServerLauncher;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code dedicate lsp}: the offering language's server for editors, speaking the Language Server Protocol over stdin
 * and stdout until the editor closes the stream. Nothing else is written to stdout.
 */
@Command(
        name = "lsp",
        mixinStandardHelpOptions = true,
        description = "Serve the offering language to an editor (Language Server Protocol over stdin/stdout).")
final class LspCommand implements Callable<Integer> {

    @Override
    public Integer call() throws InterruptedException {
        LanguageServerLauncher.serve(System.in, System.out);
        return DedicateCommand.OK;
    }
}
