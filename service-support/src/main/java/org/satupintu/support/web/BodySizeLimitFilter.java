package org.satupintu.support.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.satupintu.support.problem.ProblemCode;
import org.satupintu.support.problem.Problems;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request bodies over the limit (API.md: 256 KiB of JSON) are refused with 413 before anything reads them, whether
 * the client announced the length or streams chunks. Multipart uploads are left to the service's own, larger
 * limits.
 */
public class BodySizeLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final String detail;
    private final JsonMapper json;

    public BodySizeLimitFilter(DataSize max, JsonMapper json) {
        this.maxBytes = max.toBytes();
        this.detail = "A JSON body may be at most " + (maxBytes % 1024 == 0 ? maxBytes / 1024 + " KiB" : maxBytes
                + " bytes") + ".";
        this.json = json;
    }

    /** Thrown while reading a streamed body that grew past the limit. */
    public static class BodyTooLargeException extends IOException {

        private final String detail;

        BodyTooLargeException(String detail) {
            super("Request body too large: " + detail);
            this.detail = detail;
        }

        public String detail() {
            return detail;
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        @Nullable String type = request.getContentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        if (length > maxBytes) {
            response.setStatus(ProblemCode.TOO_LARGE.status());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(),
                    Problems.body(ProblemCode.TOO_LARGE, detail, request.getRequestURI()));
            return;
        }
        chain.doFilter(length < 0 ? new Limited(request) : request, response);
    }

    private final class Limited extends HttpServletRequestWrapper {

        Limited(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream in = super.getInputStream();
            return new ServletInputStream() {
                private long read;

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    if (b >= 0 && ++read > maxBytes) {
                        throw new BodyTooLargeException(detail);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int len) throws IOException {
                    int n = in.read(buffer, offset, len);
                    if (n > 0 && (read += n) > maxBytes) {
                        throw new BodyTooLargeException(detail);
                    }
                    return n;
                }

                @Override
                public boolean isFinished() {
                    return in.isFinished();
                }

                @Override
                public boolean isReady() {
                    return in.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    in.setReadListener(listener);
                }
            };
        }
    }
}
