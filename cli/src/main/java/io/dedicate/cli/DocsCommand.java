package io.dedicate.cli;

import io.dedicate.compiler.Bundle;
import io.dedicate.compiler.docs.OfferingDocs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dedicate docs [OFFERINGS...] --out DIR}: compiles the offerings and writes, per offering,
 * {@code NAME.md} and {@code NAME.html} from the compiled model (the one the catalog comes from).
 */
@Command(
        name = "docs",
        mixinStandardHelpOptions = true,
        description = "Write a Markdown file and a static HTML page per offering: plans, parameters, bindings and the"
                + " cf commands, from the compiled model.")
final class DocsCommand implements Callable<Integer> {

    @CommandLine.Mixin
    InputOptions input = new InputOptions();

    @Option(
            names = {"-o", "--out"},
            paramLabel = "DIR",
            required = true,
            description = "The folder to write NAME.md and NAME.html into (created when missing).")
    @SuppressWarnings("NullAway.Init")
    Path out;

    @CommandLine.Spec
    @SuppressWarnings("NullAway.Init")
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out " + out + " is a file, not a folder");
        }
        Bundle bundle = input.compiler(spec.commandLine()).compile(input.inputsOrDefault());
        input.report(
                bundle.result(), spec.commandLine().getOut(), spec.commandLine().getErr());
        if (bundle.result().hasErrors()) {
            return DedicateCommand.OFFERING_ERRORS;
        }
        SortedMap<String, String> files = OfferingDocs.render(bundle.result().offerings());
        try {
            Files.createDirectories(out);
            for (Map.Entry<String, String> file : files.entrySet()) {
                Files.writeString(out.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            spec.commandLine().getErr().println("dedicate: cannot write the documentation into " + out + ": " + e);
            return DedicateCommand.CANNOT_WRITE;
        }
        if (input.format == DiagnosticFormat.human) {
            spec.commandLine()
                    .getOut()
                    .println("documented "
                            + InputOptions.count(bundle.result().offerings().size(), "offering") + " in " + out + ": "
                            + String.join(", ", files.keySet()));
        }
        return DedicateCommand.OK;
    }
}
