package io.dedicate.broker.osb;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Requires the broker's basic-auth credentials on every OSB endpoint and on {@code /health}: 401 with an OSB error body
 * and a {@code WWW-Authenticate} challenge otherwise. Creates no HTTP session and keeps no state.
 */
public final class BasicAuthFilter implements Filter {

    private final BrokerCredentials credentials;

    public BasicAuthFilter(BrokerCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        if (credentials.matches(http.getHeader("Authorization"))) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletResponse out = (HttpServletResponse) response;
        out.setHeader("WWW-Authenticate", "Basic realm=\"dedicate broker\", charset=\"UTF-8\"");
        OsbErrorBody.write(
                out,
                HttpServletResponse.SC_UNAUTHORIZED,
                null,
                http.getHeader("Authorization") == null
                        ? "this broker requires HTTP basic authentication"
                        : "the broker credentials are wrong");
    }
}
