package io.dedicate.compiler.emit;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/** A manifest held in memory, sorted by path: what every compilation writes first, and what tests read. */
public final class MemoryManifest implements FileManifest {

    private final TreeMap<String, byte[]> files = new TreeMap<>();

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
