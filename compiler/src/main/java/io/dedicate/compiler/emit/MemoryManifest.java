package io.dedicate.compiler.emit;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A manifest held in memory, sorted by path: what every compilation writes first, and what tests read. Emitters may
 * write into one at the same time (the compiler runs them at once), and it may be read while another file is written.
 */
public final class MemoryManifest implements FileManifest {

    private final ConcurrentSkipListMap<String, byte[]> files = new ConcurrentSkipListMap<>();

    @Override
    public void writeFile(String path, byte[] content) {
        if (path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.contains("..")) {
            throw new IllegalArgumentException("not a relative bundle path: " + path);
        }
        if (files.putIfAbsent(path, content.clone()) != null) {
            throw new IllegalStateException("bundle file written twice: " + path);
        }
    }

    @Override
    public SortedMap<String, byte[]> files() {
        return Collections.unmodifiableSortedMap(files);
    }

    /** The text of one file, or an exception naming the files that exist. */
    public String text(String path) {
        byte[] content = files.get(path);
        if (content == null) {
            throw new IllegalArgumentException("no bundle file " + path + "; files: " + files.keySet());
        }
        return new String(content, StandardCharsets.UTF_8);
    }
}
