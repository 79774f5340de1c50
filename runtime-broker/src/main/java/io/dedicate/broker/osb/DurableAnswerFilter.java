package io.dedicate.broker.osb;

import io.dedicate.broker.state.StateDatabase;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Holds back the answer to every request that may change state (anything but {@code GET}, {@code HEAD} and {@code
 * OPTIONS}) until what it committed is on disk: the answer is buffered, the state database is synced ({@link
 * StateDatabase#sync()}), then the answer is sent. Git commits are durable when they return (the deployment
 * repository fsyncs its objects, refs and their folders), so after this filter every 2xx the broker sends survives
 * a crash of the process or of the machine. When the sync fails, the platform gets a 500 with an OSB body instead of
 * the answer, and retries.
 */
public final class DurableAnswerFilter implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger(DurableAnswerFilter.class);

    private static final Set<String> READ_ONLY = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final StateDatabase database;

    public DurableAnswerFilter(StateDatabase database) {
        this.database = database;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (READ_ONLY.contains(((HttpServletRequest) request).getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        ContentCachingResponseWrapper held = new ContentCachingResponseWrapper((HttpServletResponse) response);
        try {
            chain.doFilter(request, held);
        } finally {
            if (request.isAsyncStarted()) {
                // not used by the broker's controllers (their Monos complete before they return); never hold an
                // answer that is still being written
                held.copyBodyToResponse();
            } else {
                sendWhenDurable(held);
            }
        }
    }

    private void sendWhenDurable(ContentCachingResponseWrapper held) throws IOException {
        try {
            database.sync();
        } catch (RuntimeException e) {
            LOG.error(
                    "the state database could not be synced to disk; answering 500 instead of {}", held.getStatus(), e);
            if (!held.isCommitted()) {
                held.resetBuffer();
                OsbErrorBody.write(
                        (HttpServletResponse) held.getResponse(),
                        HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
                        null,
                        "the broker could not make its state durable (see its log); retry the request");
                return;
            }
        }
        held.copyBodyToResponse();
    }
}
