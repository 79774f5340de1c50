package io.dedicate.broker.osb;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Bounds every OSB request body before anything reads it: a declared {@code Content-Length} above the limit is refused
 * at once, without reading a byte; a body without one (chunked) is read up to the limit and refused as soon as it goes
 * beyond. Either way the answer is 413 with an OSB error body, and the request goes no further. A body within the limit
 * is handed on as read, so that the rest of the broker never holds more than the limit per request.
 */
public final class BodyLimitFilter implements Filter {

    /** The default limit: far above any OSB request the broker accepts (parameters are a few kilobytes). */
    public static final int DEFAULT_LIMIT = 1024 * 1024;

    private final int limit;

    /** Refuses bodies of more than {@code limit} bytes. */
    public BodyLimitFilter(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("the request body limit must be positive, got " + limit);
        }
        this.limit = limit;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        HttpServletResponse out = (HttpServletResponse) response;
        long declared = http.getContentLengthLong();
        if (declared > limit) {
            refuse(out, declared + " bytes");
            return;
        }
        if (declared == 0 || (declared < 0 && http.getHeader("Transfer-Encoding") == null)) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = readAtMost(http.getInputStream());
        if (body.length > limit) {
            refuse(out, "more than " + limit + " bytes");
            return;
        }
        chain.doFilter(new ReadBody(http, body), response);
    }

    /** The body, or its first {@code limit + 1} bytes when it is longer. */
    private byte[] readAtMost(InputStream in) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while (read.size() <= limit && (n = in.read(buffer, 0, Math.min(buffer.length, limit + 1 - read.size()))) > 0) {
            read.write(buffer, 0, n);
        }
        return read.toByteArray();
    }

    private void refuse(HttpServletResponse out, String size) throws IOException {
        // the rest of the body is not read: ask the client to close, so that Tomcat need not swallow it
        out.setHeader("Connection", "close");
        OsbErrorBody.write(
                out,
                HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                null,
                "the request body is " + size + ": this broker accepts at most " + limit + " bytes");
    }

    /** The request with its body already read. */
    private static final class ReadBody extends HttpServletRequestWrapper {
        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
