package io.dedicate.bundle.model;

import io.dedicate.bundle.JsonWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes {@code sources.json} ({@link SourceMap}) with {@link JsonWriter}; {@link SourceMapReader} reads it back. */
public final class SourceMapWriter {

    private SourceMapWriter() {}

    /** The bytes of {@code sources.json} (UTF-8, two-space indent, trailing newline). */
    public static byte[] write(SourceMap sources) {
        Map<String, Object> offerings = new LinkedHashMap<>();
        sources.offerings().forEach((name, elements) -> {
            Map<String, Object> entries = new LinkedHashMap<>();
            elements.forEach((key, location) -> {
                Map<String, Object> at = new LinkedHashMap<>();
                at.put("file", location.file());
                at.put("line", location.line());
                at.put("column", location.column());
                entries.put(key, at);
            });
            offerings.put(name, entries);
        });
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", SourceMap.FORMAT);
        json.put("offerings", offerings);
        return JsonWriter.writeBytes(json);
    }
}
