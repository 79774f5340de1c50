package io.dedicate.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void prettyPrintsWithTwoSpacesAndATrailingNewline() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("b", List.of(1, "two"));
        root.put("a", Map.of());
        root.put("c", List.of());
        root.put("d", null);
        root.put("e", Map.of("x", true));
        assertEquals("""
                {
                  "b": [
                    1,
                    "two"
                  ],
                  "a": {},
                  "c": [],
                  "d": null,
                  "e": {
                    "x": true
                  }
                }
                """, JsonWriter.write(root));
    }

    @Test
    void numbersKeepTheirExactText() {
        List<Object> numbers = Arrays.asList(
                42, 9_007_199_254_740_993L, new BigInteger("123456789012345678901234567890"), new BigDecimal("120.0"));
        assertEquals(
                "[\n  42,\n  9007199254740993,\n  123456789012345678901234567890,\n  120.0\n]\n",
                JsonWriter.write(numbers));
        assertEquals("1000\n", JsonWriter.write(new BigDecimal("1E+3")));
    }

    @Test
    void escapesWhatJsonRequiresAndNothingElse() throws Exception {
        String text = "quote \" backslash \\ nl \n cr \r tab \t bell \u0007 ls \u2028 é 😀 {{ 7*7 }} ((secret))";
        assertEquals(
                "\"quote \\\" backslash \\\\ nl \\n cr \\r tab \\t bell \\u0007 ls \\u2028 é 😀 {{ 7*7 }} ((secret))\"\n",
                JsonWriter.write(text));
        String text2 = new ObjectMapper().readTree(JsonWriter.write(text)).asText();
        assertEquals(text, text2);
        assertEquals("\"\\ud800x\"\n", JsonWriter.write("\ud800x"), "unpaired surrogates are escaped");
    }

    @Test
    void refusesValuesWhoseTextIsNotDeterministicOrNotJson() {
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.write(1.5d));
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.write(new Object()));
        Map<Object, Object> intKeys = new LinkedHashMap<>();
        intKeys.put(1, "one");
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.write(intKeys));
        List<Object> nested = new ArrayList<>();
        nested.add(Map.of("r", new NotJson("a record")));
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.write(nested));
    }

    private record NotJson(String text) {}
}
