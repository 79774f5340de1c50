package io.dedicate.broker.osb;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page ({@code /error}) as an OSB error body, in place of Spring Boot's {@code
 * BasicErrorController} (its JSON is not OSB's, and it answers HTML to a browser): what the container refuses inside
 * the broker's web application before Spring MVC (a bad URI or request, an error outside any handler) gets {@code
 * {"description": ...}} with the container's status. Always the broker's own body, whatever the request's {@code
 * Accept}. A request for {@code /error} itself is no error: without the broker's credentials it is 401 like every
 * endpoint, with them 404.
 */
@RestController
public final class OsbErrorController implements ErrorController {

    private static final Logger LOG = LoggerFactory.getLogger(OsbErrorController.class);

    private final BrokerCredentials credentials;

    public OsbErrorController(BrokerCredentials credentials) {
        this.credentials = credentials;
    }

    @RequestMapping("${server.error.path:/error}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        if (request.getDispatcherType() != DispatcherType.ERROR) {
            if (!credentials.matches(request.getHeader("Authorization"))) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"dedicate broker\", charset=\"UTF-8\"");
                OsbErrorBody.write(
                        response,
                        HttpServletResponse.SC_UNAUTHORIZED,
                        null,
                        "this broker requires HTTP basic authentication");
                return;
            }
            OsbErrorBody.write(
                    response,
                    HttpServletResponse.SC_NOT_FOUND,
                    null,
                    "no such endpoint in this broker: see the OSB API 2.17");
            return;
        }
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 500;
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (status >= 500) {
            String incident = UUID.randomUUID().toString();
            if (failure instanceof Throwable thrown) {
                LOG.error("incident {}: {}", incident, thrown.getMessage(), thrown);
            } else {
                LOG.error("incident {}: the container answered {}", incident, status);
            }
            OsbErrorBody.write(
                    response,
                    status,
                    null,
                    "the broker failed to handle this request (incident " + incident + " in the broker's log)");
            return;
        }
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        OsbErrorBody.write(
                response,
                status,
                null,
                OsbErrorReportValve.description(status, message instanceof String text ? text : null));
    }
}
