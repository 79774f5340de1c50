package io.dedicate.compiler.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the loader reads a file's text: from disk, or (in an editor) from the open documents first,
 * so that diagnostics follow what is typed before it is saved.
 */
@FunctionalInterface
public interface SourceReader {

    /** The files on disk, as UTF-8. */
    SourceReader FILES = path -> Files.readString(path, StandardCharsets.UTF_8);

    /** The text of {@code path} (absolute and normalised). */
    String read(Path path) throws IOException;

    /** True when {@code path} is a file this reader can read. */
    default boolean exists(Path path) {
        return Files.isRegularFile(path);
    }

    /**
     * The open documents ({@code absolute normalised path -> text}) in front of the files on disk. The map is read
     * when a file is needed, so it must not change during one compilation.
     */
    static SourceReader overlay(Map<Path, String> openDocuments) {
        return new SourceReader() {
            @Override
            public String read(Path path) throws IOException {
                String open = openDocuments.get(path);
                return open != null ? open : FILES.read(path);
            }

            @Override
            public boolean exists(Path path) {
                return openDocuments.containsKey(path) || FILES.exists(path);
            }
        };
    }
}
