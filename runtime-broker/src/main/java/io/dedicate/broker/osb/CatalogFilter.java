package io.dedicate.broker.osb;

import io.dedicate.bundle.load.LoadedBundle;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Serves {@code GET /v2/catalog}: the bundle's {@code catalog.json} bytes as they are, with a
 * strong ETag ({@code If-None-Match} gives 304). No per-request JSON work: the platform calls the
 * catalog often, and the bytes are the compiler's, checked against the OSB specification at build
 * time. Runs after {@link BasicAuthFilter} and {@link ApiVersionFilter}.
 */
public final class CatalogFilter implements Filter {

    private final byte[] catalog;
    private final String etag;

    public CatalogFilter(LoadedBundle bundle) {
        this.catalog = bundle.catalogJson();
        this.etag = bundle.catalogEtag();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        if (!"GET".equals(http.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletResponse out = (HttpServletResponse) response;
        out.setHeader("ETag", etag);
        out.setHeader("Cache-Control", "no-cache");
        if (etag.equals(http.getHeader("If-None-Match"))) {
            out.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        out.setStatus(HttpServletResponse.SC_OK);
        out.setContentType("application/json");
        out.setContentLength(catalog.length);
        out.getOutputStream().write(catalog);
    }
}
