package io.dedicate.compiler.golden;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * A structural comparison of two JSON documents that lists the differences by JSON pointer, so a
 * failing golden test says {@code /services/0/plans/1/free: expected true, got false} instead of
 * printing two whole documents.
 */
final class JsonDiff {

    private static final int MAX_DIFFERENCES = 30;

    private JsonDiff() {}

    /** The differences, at most {@value #MAX_DIFFERENCES}; empty when the documents are equal. */
    static List<String> differences(JsonNode expected, JsonNode actual) {
        List<String> differences = new ArrayList<>();
        compare("", expected, actual, differences);
        return differences;
    }

    private static void compare(String pointer, JsonNode expected, JsonNode actual, List<String> out) {
        if (out.size() >= MAX_DIFFERENCES || expected.equals(actual)) {
            return;
        }
        String at = pointer.isEmpty() ? "/" : pointer;
        if (expected.isObject() && actual.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                JsonNode e = expected.get(name);
                JsonNode a = actual.get(name);
                if (e == null) {
                    out.add(child + ": unexpected " + a);
                } else if (a == null) {
                    out.add(child + ": missing, expected " + e);
                } else {
                    compare(child, e, a, out);
                }
            }
        } else if (expected.isArray() && actual.isArray()) {
            Iterator<JsonNode> e = expected.elements();
            Iterator<JsonNode> a = actual.elements();
            int index = 0;
            while (e.hasNext() && a.hasNext()) {
                compare(pointer + "/" + index++, e.next(), a.next(), out);
            }
            if (expected.size() != actual.size()) {
                out.add(at + ": expected " + expected.size() + " elements, got " + actual.size());
            }
        } else {
            out.add(at + ": expected " + expected + ", got " + actual);
        }
    }
}
