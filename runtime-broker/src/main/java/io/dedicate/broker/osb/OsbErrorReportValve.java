package io.dedicate.broker.osb;

import io.dedicate.broker.refusal.PathSegments;
import io.dedicate.bundle.JsonStrings;
import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's error report for what never reaches the broker's servlets, as an OSB error body ({@code {"description":
 * ...}}, {@code application/json}) instead of Tomcat's HTML page: a request Tomcat refuses itself, such as a URI with
 * {@code %00} or an unencoded backslash, or headers beyond {@code server.max-http-request-header-size}. Errors inside
 * the broker's servlets are answered by {@code OsbErrorAdvice} and {@link OsbErrorController}; this valve only writes a
 * body when nothing was written yet. Installed on the host in place of Tomcat's own by {@code BrokerConfiguration}.
 */
public final class OsbErrorReportValve extends ErrorReportValve {

    private static final Logger LOG = LoggerFactory.getLogger(OsbErrorReportValve.class);

    /** A valve that never shows a stack trace or the server's version (there is no report but the OSB body). */
    public OsbErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, @Nullable Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String body = "{\"description\":" + JsonStrings.quote(description(status, response.getMessage())) + "}";
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            LOG.debug("could not write the error body of a {} answer: {}", status, e.getMessage());
        }
    }

    /** What to tell the client, from the status and Tomcat's own short message (never a stack trace). */
    static String description(int status, @Nullable String message) {
        String detail = message == null || message.isBlank() ? "" : " (" + PathSegments.printable(message) + ")";
        return switch (status) {
            case 400 ->
                "the request cannot be read" + detail + ": check the URI (no %00, no unencoded backslash or control"
                        + " characters) and the size of the headers";
            case 404 -> "no such endpoint in this broker: see the OSB API 2.17";
            case 413 -> "the request is too large" + detail;
            case 414 -> "the request URI is too long";
            case 431 -> "the request headers are too large" + detail;
            case 505 -> "the HTTP version is not supported" + detail;
            default -> "the request failed with status " + status + detail;
        };
    }
}
