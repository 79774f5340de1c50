package io.dedicate.compiler.load;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.diagnostic.Shown;
import io.dedicate.dsl.Diagnostic;
import io.dedicate.dsl.OfferingParser;
import io.dedicate.dsl.ParseResult;
import io.dedicate.dsl.SourceSpan;
import io.dedicate.dsl.ast.Member;
import io.dedicate.dsl.ast.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Reads the inputs of a compilation: finds the offering files, parses them, and splices included
 * fragments in place (see {@link ExpandedOffering}).
 *
 * <p>An input is an offering file or a directory searched recursively for {@code *.offering}
 * files, sorted by relative path so that every run reads them in the same order. Files are named by
 * their <em>display path</em>: the input as the user gave it joined with the file's path below it,
 * with {@code /} separators ({@code offerings} gives {@code offerings/mysql.offering}); an include
 * is displayed relative to its includer ({@code offerings/fragments/prometheus.fragment}).
 *
 * <p>Each fragment is read and parsed once per compilation, however many offerings include it.
 */
public final class OfferingLoader {

    private static final String OFFERING_EXTENSION = ".offering";
    private static final String FRAGMENT_EXTENSION = ".fragment";

    private final SourceReader reader;
    private final Map<Path, ParsedFile> parsed = new HashMap<>();
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    private OfferingLoader(SourceReader reader) {
        this.reader = reader;
    }

    /** Loads every offering named or contained by {@code inputs}, from disk. */
    public static LoadResult load(List<Path> inputs) {
        return load(inputs, SourceReader.FILES);
    }

    /** Loads every offering named or contained by {@code inputs}, reading every file's text through {@code reader}. */
    public static LoadResult load(List<Path> inputs, SourceReader reader) {
        OfferingLoader loader = new OfferingLoader(reader);
        List<ExpandedOffering> offerings = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (OfferingFile file : loader.offeringFiles(inputs)) {
            if (seen.add(file.path())) {
                loader.loadOffering(file).ifPresent(offerings::add);
            }
        }
        return new LoadResult(offerings, loader.diagnostics, loader.sources);
    }

    /** The path as displayed in diagnostics: normalised, with {@code /} separators. */
    static String display(Path path) {
        String shown = path.normalize().toString().replace('\\', '/');
        return shown.isEmpty() ? "." : shown;
    }

    private record OfferingFile(Path path, String display, boolean explicit) {}

    private List<OfferingFile> offeringFiles(List<Path> inputs) {
        List<OfferingFile> files = new ArrayList<>();
        for (Path input : inputs) {
            String shown = display(input);
            SourceSpan at = SourceSpan.at(shown, 1, 1);
            if (Files.isDirectory(input)) {
                List<Path> found = findOfferings(input, at);
                if (found.isEmpty()) {
                    new Reporter("no-offerings", diagnostics).warning(Reporter.at(at), "", shown);
                }
                for (Path relative : found) {
                    files.add(new OfferingFile(
                            absolute(input.resolve(relative)), display(input.resolve(relative)), false));
                }
            } else if (reader.exists(absolute(input))) {
                files.add(new OfferingFile(absolute(input), shown, true));
            } else {
                new Reporter("input-not-found", diagnostics).error(Reporter.at(at), "", shown);
            }
        }
        return files;
    }

    private List<Path> findOfferings(Path directory, SourceSpan at) {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(OFFERING_EXTENSION))
                    .map(directory::relativize)
                    .sorted((a, b) -> display(a).compareTo(display(b)))
                    .toList();
        } catch (IOException e) {
            new Reporter("unreadable-file", diagnostics)
                    .error(Reporter.at(at), "", display(directory), e.getClass().getSimpleName());
            return List.of();
        }
    }

    private Optional<ExpandedOffering> loadOffering(OfferingFile file) {
        ParsedFile parsedFile = parse(file.path(), file.display());
        SourceFile ast = parsedFile.ast();
        if (ast == null || parsedFile.hasErrors()) {
            diagnostics.addAll(parsedFile.diagnostics());
            return Optional.empty();
        }
        diagnostics.addAll(parsedFile.diagnostics());
        if (ast instanceof SourceFile.Fragment fragment) {
            new Reporter("input-not-offering", diagnostics)
                    .error(fragment.name(), file.explicit() ? "" : "found", file.display(), fragment.name());
            return Optional.empty();
        }
        SourceFile.Offering offering = (SourceFile.Offering) ast;
        Expansion expansion = new Expansion();
        expansion.chain.push(new ChainLink(file.path(), file.display()));
        expansion.splice(offering.members(), file.path(), file.display());
        return Optional.of(new ExpandedOffering(
                file.display(), offering, expansion.members, expansion.complete, expansion.diagnostics));
    }

    private record ChainLink(Path path, String display) {}

    /** The state of splicing one offering's includes. */
    private final class Expansion {
        final List<Member> members = new ArrayList<>();
        final List<Diagnostic> diagnostics = new ArrayList<>();
        final Deque<ChainLink> chain = new ArrayDeque<>();
        final Map<Path, Member.Include> includedAt = new HashMap<>();
        boolean complete = true;

        void splice(List<Member> source, Path file, String display) {
            for (Member member : source) {
                if (member instanceof Member.Include include) {
                    include(include, file, display);
                } else {
                    members.add(member);
                }
            }
        }

        private void include(Member.Include include, Path includer, String includerDisplay) {
            String written = include.path().value();
            Path target;
            String targetDisplay;
            try {
                target = absolute(includer.resolveSibling(written));
                targetDisplay = display(Path.of(includerDisplay).resolveSibling(written));
            } catch (InvalidPathException e) {
                new Reporter("include-not-found", diagnostics)
                        .error(include.path(), "invalid-path", Shown.controlsEscaped(written), e.getReason());
                complete = false;
                return;
            }
            if (!written.endsWith(FRAGMENT_EXTENSION)) {
                new Reporter("include-not-fragment", diagnostics)
                        .error(include.path(), "extension", written, targetDisplay);
                complete = false;
                return;
            }
            if (chain.stream().anyMatch(link -> link.path().equals(target))) {
                new Reporter("include-cycle", diagnostics).error(include.path(), "", written, cycle(target));
                return;
            }
            Member.Include first = includedAt.get(target);
            if (first != null) {
                new Reporter("duplicate-include", diagnostics)
                        .warning(include.path(), "", written, first.span().position());
                return;
            }
            if (!reader.exists(target)) {
                new Reporter("include-not-found", diagnostics).error(include.path(), "", written, targetDisplay);
                complete = false;
                return;
            }
            ParsedFile fragmentFile = parse(target, targetDisplay);
            diagnostics.addAll(fragmentFile.diagnostics());
            SourceFile ast = fragmentFile.ast();
            if (ast == null || fragmentFile.hasErrors()) {
                complete = false;
                return;
            }
            if (ast instanceof SourceFile.Offering offering) {
                new Reporter("include-not-fragment", diagnostics)
                        .error(include.path(), "offering", written, offering.name());
                complete = false;
                return;
            }
            includedAt.put(target, include);
            chain.push(new ChainLink(target, fragmentFile.display()));
            splice(ast.members(), target, fragmentFile.display());
            chain.pop();
        }

        /** {@code a.fragment -> b.fragment -> a.fragment}: the includes from {@code target} back to it. */
        private String cycle(Path target) {
            List<ChainLink> outermostFirst = new ArrayList<>(chain);
            Collections.reverse(outermostFirst);
            int start = 0;
            while (!outermostFirst.get(start).path().equals(target)) {
                start++;
            }
            return Stream.concat(
                            outermostFirst.subList(start, outermostFirst.size()).stream(),
                            Stream.of(outermostFirst.get(start)))
                    .map(link -> fileName(link.display()))
                    .collect(Collectors.joining(" -> "));
        }
    }

    private static String fileName(String display) {
        return display.substring(display.lastIndexOf('/') + 1);
    }

    private static Path absolute(Path path) {
        return path.toAbsolutePath().normalize();
    }

    /** One file, read and parsed once per compilation. */
    private record ParsedFile(String display, @Nullable SourceFile ast, List<Diagnostic> diagnostics) {
        boolean hasErrors() {
            return diagnostics.stream().anyMatch(Diagnostic::isError);
        }
    }

    private ParsedFile parse(Path path, String shown) {
        ParsedFile known = parsed.get(path);
        if (known != null) {
            return known;
        }
        ParsedFile result;
        try {
            String text = reader.read(path);
            sources.put(shown, text);
            ParseResult parse = OfferingParser.parse(shown, text);
            result = new ParsedFile(shown, parse.ast(), parse.diagnostics());
        } catch (IOException e) {
            List<Diagnostic> unreadable = new ArrayList<>();
            new Reporter("unreadable-file", unreadable)
                    .error(
                            Reporter.at(SourceSpan.at(shown, 1, 1)),
                            "",
                            shown,
                            e.getClass().getSimpleName());
            result = new ParsedFile(shown, null, unreadable);
        }
        parsed.put(path, result);
        return result;
    }
}
