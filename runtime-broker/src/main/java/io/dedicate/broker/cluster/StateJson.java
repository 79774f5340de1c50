package io.dedicate.broker.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The JSON the broker keeps in its state columns (parameters, outputs, rendered files): integers
 * read back as {@code Long}, decimals as {@code BigDecimal}, maps in their stored order. So values
 * survive a round trip through the database with the types the parameter checks produced.
 */
public final class StateJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};
    private static final TypeReference<TreeMap<String, String>> FILES = new TypeReference<>() {};

    private StateJson() {}

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("state value cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static Map<String, Object> readMap(@Nullable String json) {
        if (json == null || json.isEmpty()) {
            return new LinkedHashMap<>();
        }
        try {
            return MAPPER.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    /** Rendered files as stored while a commit is pending: path to UTF-8 text. */
    public static String writeFiles(Map<String, byte[]> files) {
        TreeMap<String, String> text = new TreeMap<>();
        files.forEach((path, content) -> text.put(path, new String(content, StandardCharsets.UTF_8)));
        return write(text);
    }

    public static Map<String, byte[]> readFiles(String json) {
        try {
            Map<String, byte[]> files = new TreeMap<>();
            MAPPER.readValue(json, FILES)
                    .forEach((path, text) -> files.put(path, text.getBytes(StandardCharsets.UTF_8)));
            return files;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored rendered files cannot be read: " + e.getOriginalMessage(), e);
        }
    }
}
