package io.dedicate.cli;

import io.dedicate.compiler.CompileResult;
import io.dedicate.compiler.OfferingCompiler;
import io.dedicate.compiler.report.DiagnosticSummary;
import io.dedicate.compiler.report.HumanDiagnosticRenderer;
import io.dedicate.compiler.report.JsonDiagnosticRenderer;
import io.dedicate.compiler.report.SarifDiagnosticRenderer;
import io.dedicate.dsl.Diagnostic;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What {@code compile} and {@code check} share: the inputs and the diagnostic format. */
final class InputOptions {

    @Parameters(
            arity = "0..*",
            paramLabel = "OFFERINGS",
            description = "Offering files, or directories searched for *.offering (default: offerings).")
    List<Path> inputs = new ArrayList<>();

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "How to print diagnostics: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    DiagnosticFormat format = DiagnosticFormat.human;

    @Option(
            names = "--release-specs",
            paramLabel = "NAME=PATH",
            description = "Check the jobs and properties of release NAME (as the offering names it) against the"
                    + " job specs at PATH: a release tarball (.tgz) or an extracted folder of jobs/JOB/spec files."
                    + " Repeatable; wins over the release's own `specs`.")
    Map<String, Path> releaseSpecs = new LinkedHashMap<>();

    /**
     * The compiler for these options. A {@code --release-specs} path that does not exist is bad
     * usage (exit 2), found before anything is compiled.
     */
    OfferingCompiler compiler(CommandLine commandLine) {
        for (Map.Entry<String, Path> given : releaseSpecs.entrySet()) {
            if (given.getKey().isBlank()) {
                throw new CommandLine.ParameterException(
                        commandLine, "--release-specs needs NAME=PATH, with NAME the release's name in the offering");
            }
            if (!Files.exists(given.getValue())) {
                throw new CommandLine.ParameterException(
                        commandLine,
                        "--release-specs " + given.getKey() + "=" + given.getValue() + ": `" + given.getValue()
                                + "` does not exist (a release tarball or a folder with jobs/JOB/spec files)");
            }
        }
        return new OfferingCompiler(releaseSpecs);
    }

    List<Path> inputsOrDefault() {
        return inputs.isEmpty() ? List.of(Path.of("offerings")) : List.copyOf(inputs);
    }

    /**
     * Prints the diagnostics: to stderr for people, to stdout as JSON or SARIF for tools (an empty
     * array or run when there is none, so a tool can always parse stdout).
     */
    void report(CompileResult result, PrintWriter out, PrintWriter err) {
        List<Diagnostic> diagnostics = result.diagnostics();
        if (format == DiagnosticFormat.json) {
            out.print(new JsonDiagnosticRenderer().render(diagnostics));
            out.flush();
            return;
        }
        if (format == DiagnosticFormat.sarif) {
            out.print(new SarifDiagnosticRenderer(DedicateCommand.Version.number(), checkedDirectory())
                    .render(diagnostics));
            out.flush();
            return;
        }
        if (!diagnostics.isEmpty()) {
            err.print(new HumanDiagnosticRenderer(result.sources()).render(diagnostics));
            err.println(DiagnosticSummary.of(diagnostics));
            err.flush();
        }
    }

    /**
     * The directory SARIF file URIs are relative to: the one input when it is a directory, else the
     * current directory.
     */
    Path checkedDirectory() {
        List<Path> given = inputsOrDefault();
        return given.size() == 1 && Files.isDirectory(given.get(0)) ? given.get(0) : Path.of("");
    }

    static String count(long n, String noun) {
        return DiagnosticSummary.count(n, noun);
    }
}
