package io.dedicate.compiler.emit;

import java.nio.charset.StandardCharsets;
import java.util.SortedMap;

/**
 * Where emitters write bundle files. Paths are relative, with {@code /} separators (see {@link
 * io.dedicate.bundle.BundleLayout}). Writing the same path twice is a bug in an emitter and fails.
 */
public interface FileManifest {

    void writeFile(String path, byte[] content);

    default void writeText(String path, String content) {
        writeFile(path, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Every file written so far, sorted by path. */
    SortedMap<String, byte[]> files();
}
