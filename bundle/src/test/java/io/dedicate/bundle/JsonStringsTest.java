package io.dedicate.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonStringsTest {

    @Test
    void jsonAndYamlFlowShareJsonsEscapes() {
        String text = "q\" b\\ \n\r\t\b\f \u0007 \u2028\u2029 \ud800x x\udc00 \ud83d\ude00 é";
        String escaped = "q\\\" b\\\\ \\n\\r\\t\\b\\f \\u0007 \\u2028\\u2029 \\ud800x x\\udc00 \ud83d\ude00 é";
        assertEquals("\"" + escaped + "\"", JsonStrings.quote(text));
        assertEquals(escaped, YamlFlowEncoder.escapeCharacters(text, "t"));
    }

    @Test
    void onlyYamlFlowEscapesWhatYamlReadersTakeForBreaksOrNonPrintable() {
        String text = "\u007f\u0085\u009f\ufeff\ufffe\uffff";
        assertEquals("\"" + text + "\"", JsonStrings.quote(text));
        assertEquals("\\u007f\\u0085\\u009f\\ufeff\\ufffe\\uffff", YamlFlowEncoder.escapeCharacters(text, "t"));
    }
}
