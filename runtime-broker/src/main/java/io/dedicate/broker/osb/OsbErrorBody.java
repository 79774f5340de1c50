package io.dedicate.broker.osb;

import io.dedicate.bundle.JsonStrings;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Writes an OSB error body ({@code {"error": "...", "description": "..."}}) straight to a servlet
 * response, for the filters that answer before Spring MVC (authentication, API version).
 */
final class OsbErrorBody {

    private OsbErrorBody() {}

    /** Writes {@code status} with an OSB error body; {@code error} is the OSB error code or null. */
    static void write(HttpServletResponse response, int status, @Nullable String error, String description)
            throws IOException {
        StringBuilder json = new StringBuilder("{");
        if (error != null) {
            json.append("\"error\":").append(JsonStrings.quote(error)).append(',');
        }
        json.append("\"description\":").append(JsonStrings.quote(description)).append('}');
        byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
