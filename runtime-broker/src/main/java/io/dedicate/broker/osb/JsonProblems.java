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
        if (cause instanceof JsonParseException parse) {
            return "malformed JSON at line " + parse.getLocation().getLineNr() + ", column "
                    + parse.getLocation().getColumnNr();
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
