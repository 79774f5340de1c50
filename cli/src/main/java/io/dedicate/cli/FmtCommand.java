package io.dedicate.cli;

import io.dedicate.compiler.report.HumanDiagnosticRenderer;
import io.dedicate.dsl.FormatResult;
import io.dedicate.dsl.OfferingFormatter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dedicate fmt [--check] [FILES|DIRS...]}: rewrites offering files in their canonical layout
 * ({@link OfferingFormatter}). A file with a syntax error is left untouched and its diagnostics are
 * printed. With {@code --check} nothing is written: the files that would change are listed.
 *
 * <p>Exit status: 0 nothing to report, 1 a file has syntax errors or (with {@code --check}) would
 * change, 2 bad usage, 3 a file could not be written.
 */
@Command(
        name = "fmt",
        mixinStandardHelpOptions = true,
        description = "Rewrite offering files in the canonical layout (comments kept); --check only lists them.")
final class FmtCommand implements Callable<Integer> {

    @Parameters(
            arity = "0..*",
            paramLabel = "FILES",
            description = "Offering files, or directories searched for *.offering and *.fragment (default: offerings).")
    List<Path> inputs = new ArrayList<>();

    @Option(
            names = "--check",
            description = "Write nothing; list the files whose layout is not canonical and exit 1 if there is any.")
    boolean check;

    @CommandLine.Spec
    @SuppressWarnings("NullAway.Init")
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean failed = false;
        for (Path file : files()) {
            String text = read(file);
            String display = file.toString();
            FormatResult result = OfferingFormatter.format(display, text);
            String formatted = result.text();
            if (formatted == null) {
                err.print(new HumanDiagnosticRenderer(Map.of(display, text)).render(result.diagnostics()));
                err.println(display + ": not formatted (syntax errors)");
                failed = true;
                continue;
            }
            if (formatted.equals(text)) {
                continue;
            }
            if (check) {
                out.println(display);
                failed = true;
            } else {
                write(file, formatted);
                out.println("formatted " + display);
            }
        }
        out.flush();
        err.flush();
        return failed ? DedicateCommand.OFFERING_ERRORS : DedicateCommand.OK;
    }

    /** The files to format, sorted; a path that does not exist is bad usage. */
    private List<Path> files() {
        List<Path> given = inputs.isEmpty() ? List.of(Path.of("offerings")) : inputs;
        TreeSet<Path> files = new TreeSet<>();
        for (Path path : given) {
            if (Files.isRegularFile(path)) {
                files.add(path);
            } else if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile)
                            .filter(f -> f.toString().endsWith(".offering")
                                    || f.toString().endsWith(".fragment"))
                            .forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + path + ": " + e.getMessage(), e);
                }
            } else {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "fmt: `" + path + "` does not exist (an offering file or a directory)");
            }
        }
        return List.copyOf(files);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Replaces the file in one move, so that a failure never leaves it half written. */
    private static void write(Path file, String text) {
        Path absolute = file.toAbsolutePath();
        try {
            Path temporary = Files.createTempFile(absolute.getParent(), ".fmt-", ".tmp");
            try {
                Files.writeString(temporary, text, StandardCharsets.UTF_8);
                try {
                    Files.setPosixFilePermissions(temporary, Files.getPosixFilePermissions(absolute));
                } catch (UnsupportedOperationException notPosix) {
                    // the file system keeps no POSIX permissions: nothing to carry over
                }
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
