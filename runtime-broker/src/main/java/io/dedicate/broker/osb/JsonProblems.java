package io.dedicate.broker.osb;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.springframework.http.converter.HttpMessageNotReadableException;

/** Says what is wrong with an unreadable request body in the user's terms: no Java type names. */
final class JsonProblems {

    private JsonProblems() {}

    static String describe(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        // a parse error inside a value bound to a map (such as `parameters`) comes wrapped in a mapping error
        for (Throwable inner = cause; inner != null; inner = inner.getCause()) {
            if (inner instanceof JsonParseException parse) {
                cause = parse;
                break;
            }
        }
        if (cause instanceof JsonParseException parse) {
            String where = "line " + parse.getLocation().getLineNr() + ", column "
                    + parse.getLocation().getColumnNr();
            String original = String.valueOf(parse.getOriginalMessage());
            if (original.startsWith("Duplicate field ")) {
                // STRICT_DUPLICATE_DETECTION (application.properties): "Duplicate field 'NAME'"
                return "a key appears twice in one object (" + printable(original.substring(16)) + ") at " + where
                        + ": send each key once";
            }
            return "malformed JSON at " + where;
        }
        if (cause instanceof MismatchedInputException trailing
                && String.valueOf(trailing.getOriginalMessage()).startsWith("Trailing token")) {
            // FAIL_ON_TRAILING_TOKENS (application.properties)
            return "data follows the JSON body at line "
                    + trailing.getLocation().getLineNr() + ", column "
                    + trailing.getLocation().getColumnNr() + ": send exactly one JSON object";
        }
        if (cause instanceof InvalidFormatException || cause instanceof MismatchedInputException) {
            JsonMappingException mapping = (JsonMappingException) cause;
            String path = path(mapping);
            return path.isEmpty() ? "the body must be a JSON object" : "field `" + path + "` has the wrong type";
        }
        if (cause instanceof JsonMappingException mapping) {
            String path = path(mapping);
            return path.isEmpty() ? "the body cannot be read" : "field `" + path + "` cannot be read";
        }
        return "the body is empty or unreadable";
    }

    /** {@code serviceDefinitionId} to {@code service_definition_id}, for messages about body fields. */
    static String snakeCase(String field) {
        return switch (field) {
            case "serviceDefinitionId" -> "service_id";
            case "planId" -> "plan_id";
            default -> field.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String printable(String text) {
        String shown = text.length() > 100 ? text.substring(0, 100) + "..." : text;
        return shown.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}]", "?");
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
