package io.dedicate.lsp;

import io.dedicate.compiler.OfferingCompiler;
import io.dedicate.compiler.load.LoadResult;
import io.dedicate.compiler.load.OfferingLoader;
import io.dedicate.compiler.load.SourceReader;
import io.dedicate.dsl.Diagnostic;
import io.dedicate.dsl.OfferingParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Compiles what the editor has open, as the command line would ({@code dedicate compile}, template rendering
 * included), reading open documents before the files on disk.
 *
 * <p>An open offering is compiled; an open fragment is checked through the offerings next to it (in its folder or
 * the folder above, as {@code offerings/fragments/x.fragment} is included by {@code offerings/*.offering}), and parsed
 * on its own for syntax errors when none includes it.
 */
final class Analyzer {

    private static final String OFFERING = ".offering";
    private static final String FRAGMENT = ".fragment";

    private final OfferingCompiler compiler = new OfferingCompiler();

    Analysis analyze(Map<Path, String> openDocuments) {
        SourceReader reader = SourceReader.overlay(openDocuments);
        List<Path> inputs = List.copyOf(inputs(openDocuments.keySet()));
        Map<Path, List<Diagnostic>> byFile = new TreeMap<>();
        for (Path open : openDocuments.keySet()) {
            byFile.put(open, new ArrayList<>());
        }
        Declarations declarations = Declarations.none();
        if (!inputs.isEmpty()) {
            LoadResult loaded = OfferingLoader.load(inputs, reader);
            var bundle = compiler.compile(loaded);
            for (String file : bundle.result().sources().keySet()) {
                byFile.computeIfAbsent(path(file), p -> new ArrayList<>());
            }
            for (Diagnostic diagnostic : bundle.result().diagnostics()) {
                byFile.computeIfAbsent(path(diagnostic.span().file()), p -> new ArrayList<>())
                        .add(diagnostic);
            }
            declarations = Declarations.of(loaded.offerings());
            for (Path open : openDocuments.keySet()) {
                boolean reached =
                        loaded.sources().keySet().stream().map(Analyzer::path).anyMatch(open::equals);
                if (!reached && open.toString().endsWith(FRAGMENT)) {
                    byFile.put(open, parseOnly(open, openDocuments.get(open)));
                }
            }
        } else {
            for (Map.Entry<Path, String> open : openDocuments.entrySet()) {
                byFile.put(open.getKey(), parseOnly(open.getKey(), open.getValue()));
            }
        }
        return new Analysis(byFile, declarations);
    }

    private static List<Diagnostic> parseOnly(Path file, String text) {
        return new ArrayList<>(OfferingParser.parse(file.toString(), text).diagnostics());
    }

    /** The offerings to compile: those open, and those next to an open fragment. */
    private static SortedSet<Path> inputs(Iterable<Path> open) {
        SortedSet<Path> inputs = new TreeSet<>();
        for (Path file : open) {
            String name = file.getFileName() == null ? "" : file.getFileName().toString();
            if (name.endsWith(OFFERING)) {
                inputs.add(file);
            } else if (name.endsWith(FRAGMENT)) {
                Path folder = file.getParent();
                for (int up = 0; up < 2 && folder != null; up++, folder = folder.getParent()) {
                    inputs.addAll(offeringsIn(folder));
                }
            }
        }
        return inputs;
    }

    private static List<Path> offeringsIn(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(OFFERING))
                    .filter(Files::isRegularFile)
                    .map(Analyzer::normalised)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    static Path path(String display) {
        return normalised(Path.of(display));
    }

    static Path normalised(Path path) {
        return path.toAbsolutePath().normalize();
    }
}
