package io.dedicate.cli;

import io.dedicate.compiler.Bundle;
import io.dedicate.compiler.BundleWriter;
import io.dedicate.compiler.model.Offering;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dedicate compile [OFFERINGS...] --out DIR_OR_JAR}: check, then write the bundle. */
@Command(
        name = "compile",
        mixinStandardHelpOptions = true,
        description = "Compile offering files into a bundle (a directory, or a jar when --out ends with .jar).")
final class CompileCommand implements Callable<Integer> {

    @CommandLine.Mixin
    InputOptions input = new InputOptions();

    @Option(
            names = {"-o", "--out"},
            paramLabel = "DIR_OR_JAR",
            description = "Where to write the bundle (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("target", "bundle");

    @CommandLine.Spec
    @SuppressWarnings("NullAway.Init")
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Bundle bundle = input.compiler(spec.commandLine()).compile(input.inputsOrDefault());
        input.report(
                bundle.result(), spec.commandLine().getOut(), spec.commandLine().getErr());
        if (bundle.result().hasErrors()) {
            return DedicateCommand.OFFERING_ERRORS;
        }
        try {
            new BundleWriter().write(bundle.files().files(), out);
        } catch (IOException e) {
            spec.commandLine().getErr().println("dedicate: cannot write the bundle: " + e.getMessage());
            return DedicateCommand.CANNOT_WRITE;
        }
        if (input.format == DiagnosticFormat.human) {
            spec.commandLine()
                    .getOut()
                    .println("compiled "
                            + InputOptions.count(bundle.result().offerings().size(), "offering") + " ("
                            + String.join(
                                    ", ",
                                    bundle.result().offerings().stream()
                                            .map(Offering::name)
                                            .toList())
                            + ") into " + out + ": "
                            + InputOptions.count(bundle.files().files().size(), "file"));
        }
        return DedicateCommand.OK;
    }
}
