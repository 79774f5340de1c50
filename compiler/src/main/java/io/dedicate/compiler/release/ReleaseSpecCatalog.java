package io.dedicate.compiler.release;

import io.dedicate.compiler.diagnostic.Shown;
import io.dedicate.dsl.ast.Member;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where each release's specs come from, read once per path: a path given for the release's name
 * (the command line's {@code --release-specs NAME=PATH}) wins over the release's own {@code specs}
 * member, which is relative to the file that declares the release. A release with neither is not
 * checked.
 */
public final class ReleaseSpecCatalog {

    private final SortedMap<String, Path> given;
    private final Map<Path, Lookup> read = new HashMap<>();

    /** {@code given}: release name to the path of its specs, as the user wrote it. */
    public ReleaseSpecCatalog(Map<String, Path> given) {
        this.given = new TreeMap<>(given);
    }

    /** The paths given by release name. */
    public SortedMap<String, Path> given() {
        return java.util.Collections.unmodifiableSortedMap(given);
    }

    /** What looking up a release's specs gave. */
    public sealed interface Lookup {
        /** Neither the command line nor the release names specs. */
        record None() implements Lookup {}

        record Found(ReleaseSpec spec) implements Lookup {}

        /** The specs could not be read; {@code fromCommandLine} says who named them. */
        record Failed(String message, boolean fromCommandLine) implements Lookup {}
    }

    /** The specs of {@code release}, read at most once per path. */
    public synchronized Lookup lookup(Member.Release release) {
        Path path = given.get(release.name().value());
        boolean fromCommandLine = path != null;
        if (path == null) {
            if (release.specs() == null) {
                return new Lookup.None();
            }
            Path declaringFile = Path.of(release.span().file());
            String written = release.specs().value();
            try {
                path = declaringFile.resolveSibling(written);
            } catch (InvalidPathException e) {
                return new Lookup.Failed(
                        "`" + Shown.controlsEscaped(written) + "` is not a file path: " + e.getReason(), false);
            }
        }
        Path key = path.toAbsolutePath().normalize();
        Lookup cached = read.get(key);
        if (cached != null) {
            return cached;
        }
        Lookup result;
        try {
            result = new Lookup.Found(
                    ReleaseSpecReader.read(path, path.toString().replace('\\', '/')));
        } catch (ReleaseSpecException e) {
            result = new Lookup.Failed(e.what(), fromCommandLine);
        }
        read.put(key, result);
        return result;
    }

    /** The found specs of the release named {@code name} among {@code releases}, if any. */
    public Optional<ReleaseSpec> specOf(String name, java.util.List<Member.Release> releases) {
        return releases.stream()
                .filter(r -> r.name().value().equals(name))
                .findFirst()
                .map(this::lookup)
                .flatMap(l -> l instanceof Lookup.Found found ? Optional.of(found.spec()) : Optional.empty());
    }
}
