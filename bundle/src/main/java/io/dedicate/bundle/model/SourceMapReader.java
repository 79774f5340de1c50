package io.dedicate.bundle.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads {@code sources.json} into a {@link SourceMap}, as strictly as {@link ModelReader} reads
 * {@code model.json}: each refusal is a {@link ModelFormatException} naming the field by its JSON path.
 */
public final class SourceMapReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SourceMapReader() {}

    /**
     * Reads the bytes of a {@code sources.json}.
     *
     * @param where what the file is, the prefix of every message ({@code bundle old.jar: sources.json})
     * @throws ModelFormatException if the bytes are not JSON or not a source map of this format
     */
    public static SourceMap read(String where, byte[] json) {
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (IOException e) {
            throw new ModelFormatException(where + ": is not valid JSON: " + e.getMessage());
        }
        if (tree == null || tree.isMissingNode()) {
            throw new ModelFormatException(where + ": is empty (expected JSON)");
        }
        JsonObject root = JsonObject.root(where, tree);
        if (root.integer("format") != SourceMap.FORMAT) {
            throw root.problem("format", "this tool reads sources.json format " + SourceMap.FORMAT);
        }
        JsonObject offeringsNode = root.object("offerings");
        Map<String, Map<String, SourceLocation>> offerings = new LinkedHashMap<>();
        for (String name : offeringsNode.fieldNames()) {
            JsonObject elementsNode = offeringsNode.object(name);
            Map<String, SourceLocation> elements = new LinkedHashMap<>();
            for (String key : elementsNode.fieldNames()) {
                JsonObject at = elementsNode.object(key);
                int line = at.integer("line");
                int column = at.integer("column");
                if (line < 1 || column < 1) {
                    throw elementsNode.problem(key, "line and column are 1-based (got " + line + ":" + column + ")");
                }
                elements.put(key, new SourceLocation(at.text("file"), line, column));
                at.finish();
            }
            offerings.put(name, elements);
        }
        root.finish();
        return new SourceMap(offerings);
    }
}
