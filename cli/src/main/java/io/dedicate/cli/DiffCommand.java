package io.dedicate.cli;

import io.dedicate.bundle.JsonWriter;
import io.dedicate.bundle.model.SourceLocation;
import io.dedicate.compiler.OfferingCompiler;
import io.dedicate.compiler.diff.BundleDiff;
import io.dedicate.compiler.diff.Change;
import io.dedicate.compiler.report.HumanDiagnosticRenderer;
import io.dedicate.compiler.report.JsonDiagnosticRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dedicate diff OLD NEW} and {@code dedicate diff --since REV [NEW]}: what the new version of
 * the offerings changes for instances that already exist, from the compiled models. Exit status 1
 * when a change is breaking (or a version does not compile), 0 otherwise, 2 on bad usage.
 *
 * <pre>
 * breaking[plan-removed] mysql-on-demand: plan `15gb` is removed: its existing instances can no longer be updated, bound, or moved to another plan
 *   old: v1/mysql.offering:97:3
 *   new: offerings/mysql.offering:28:1
 * 1 breaking change, 0 compatible
 * </pre>
 */
@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        description = {
            "What a new version of the offerings changes for instances that already exist: breaking or compatible,"
                    + " with the line in both versions. Exit 1 when a change is breaking.",
            "OLD and NEW: offering files or a directory of them, a bundle directory, or a bundle jar."
        })
final class DiffCommand implements Callable<Integer> {

    @Parameters(
            arity = "0..2",
            paramLabel = "VERSION",
            description = "OLD NEW; with --since, only NEW (default: offerings).")
    List<Path> versions = new ArrayList<>();

    @Option(
            names = "--since",
            paramLabel = "REV",
            description = "Compare NEW (offerings in a git working tree) with the same folder at git revision REV.")
    @Nullable
    String since;

    @Option(names = "--format", paramLabel = "FORMAT", description = "human or json (default: ${DEFAULT-VALUE}).")
    DiagnosticFormat format = DiagnosticFormat.human;

    @CommandLine.Spec
    @SuppressWarnings("NullAway.Init")
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        CommandLine commandLine = spec.commandLine();
        if (since == null && versions.size() != 2) {
            throw new CommandLine.ParameterException(
                    commandLine,
                    "diff needs OLD and NEW (or --since REV [NEW]); got " + versions.size() + " version"
                            + (versions.size() == 1 ? "" : "s"));
        }
        if (since != null && versions.size() > 1) {
            throw new CommandLine.ParameterException(
                    commandLine,
                    "--since REV compares one folder with itself at REV: give at most NEW, not OLD and NEW");
        }
        if (since != null && since.isBlank()) {
            throw new CommandLine.ParameterException(
                    commandLine, "--since needs a git revision (HEAD~1, v1.4.0, a commit)");
        }
        Path newPath = versions.isEmpty() ? Path.of("offerings") : versions.get(versions.size() - 1);
        for (Path path : versions.isEmpty() ? List.of(newPath) : versions) {
            if (!Files.exists(path)) {
                throw new CommandLine.ParameterException(commandLine, "`" + path + "` does not exist");
            }
        }
        OfferingCompiler compiler = new OfferingCompiler();
        PrintWriter out = commandLine.getOut();
        PrintWriter err = commandLine.getErr();
        Path checkout = null;
        try {
            DiffInput oldInput;
            if (since != null) {
                checkout = Files.createTempDirectory("dedicate-diff-");
                GitRevision.Checkout at;
                try {
                    at = GitRevision.checkout(newPath, since, checkout);
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(commandLine, e.getMessage());
                }
                oldInput = DiffInput.compiled(
                        since + ":" + (at.repositoryPath().isEmpty() ? "." : at.repositoryPath()),
                        at.folder(),
                        compiler,
                        since + ":",
                        at.root());
            } else {
                oldInput = DiffInput.of(versions.get(0), compiler);
            }
            DiffInput newInput = DiffInput.of(newPath, compiler);
            List<Change> changes = BundleDiff.compare(oldInput.side(), newInput.side());
            if (format == DiagnosticFormat.json) {
                out.print(JsonWriter.write(json(oldInput, newInput, changes)));
            } else {
                human(oldInput, newInput, changes, out);
            }
            out.flush();
            return changes.stream().anyMatch(Change::isBreaking) ? DedicateCommand.OFFERING_ERRORS : DedicateCommand.OK;
        } catch (DiffInput.Unusable e) {
            if (e.failedCompile != null) {
                var result = e.failedCompile.result();
                if (format == DiagnosticFormat.json) {
                    out.print(new JsonDiagnosticRenderer().render(result.diagnostics()));
                    out.flush();
                } else {
                    err.print(new HumanDiagnosticRenderer(result.sources()).render(result.diagnostics()));
                }
                err.println("dedicate: " + e.getMessage() + " (fix them first: dedicate check)");
                err.flush();
                return DedicateCommand.OFFERING_ERRORS;
            }
            throw new CommandLine.ParameterException(commandLine, e.getMessage());
        } finally {
            if (checkout != null) {
                delete(checkout);
            }
        }
    }

    private static void human(DiffInput oldInput, DiffInput newInput, List<Change> changes, PrintWriter out) {
        for (Change change : changes) {
            out.println(
                    change.impact().label() + "[" + change.code() + "] " + change.offering() + ": " + change.message());
            out.println("  old: " + where(oldInput, change.offering(), change.oldLocation()));
            out.println("  new: " + where(newInput, change.offering(), change.newLocation()));
        }
        long breaking = changes.stream().filter(Change::isBreaking).count();
        if (changes.isEmpty()) {
            out.println("no change for existing instances (" + oldInput.label() + " -> " + newInput.label() + ")");
        } else {
            out.println(InputOptions.count(breaking, "breaking change") + ", " + (changes.size() - breaking)
                    + " compatible (" + oldInput.label() + " -> " + newInput.label() + ")");
        }
    }

    private static String where(DiffInput input, String offering, @Nullable SourceLocation location) {
        return location == null ? "(" + input.label() + ": no place)" : input.display(offering, location);
    }

    private static Map<String, Object> json(DiffInput oldInput, DiffInput newInput, List<Change> changes) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("old", oldInput.label());
        json.put("new", newInput.label());
        long breaking = changes.stream().filter(Change::isBreaking).count();
        json.put("breaking", breaking);
        json.put("compatible", changes.size() - breaking);
        List<Object> entries = new ArrayList<>();
        for (Change change : changes) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("code", change.code());
            entry.put("impact", change.impact().label());
            entry.put("offering", change.offering());
            entry.put("message", change.message());
            entry.put("old", location(oldInput, change.offering(), change.oldLocation()));
            entry.put("new", location(newInput, change.offering(), change.newLocation()));
            entries.add(entry);
        }
        json.put("changes", entries);
        return json;
    }

    private static @Nullable Map<String, Object> location(
            DiffInput input, String offering, @Nullable SourceLocation location) {
        if (location == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("file", input.homes().getOrDefault(offering, "") + location.file());
        json.put("line", location.line());
        json.put("column", location.column());
        return json;
    }

    private static void delete(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the temporary checkout " + folder, e);
        }
    }
}
