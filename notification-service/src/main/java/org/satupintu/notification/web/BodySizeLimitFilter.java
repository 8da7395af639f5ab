package org.satupintu.notification.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * JSON bodies over 256 KiB are refused with 413 before anything reads them (API.md limits), whether the client
 * announced the length or streams chunks.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class BodySizeLimitFilter extends OncePerRequestFilter {

    public static final long MAX_JSON_BYTES = 256 * 1024;

    /** Thrown while reading a streamed body that grew past the limit. */
    public static class BodyTooLargeException extends IOException {
        BodyTooLargeException() {
            super("Request body exceeds " + MAX_JSON_BYTES + " bytes");
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        if (length > MAX_JSON_BYTES) {
            response.setStatus(413);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getWriter().write("{\"type\":\"https://satupintu.org/problems/too-large\",\"title\":"
                    + "\"Content Too Large\",\"status\":413,\"detail\":\"A JSON body may be at most 256 KiB.\","
                    + "\"instance\":\"" + request.getRequestURI().replace("\"", "") + "\",\"code\":\"too-large\"}");
            return;
        }
        chain.doFilter(length < 0 ? new Limited(request) : request, response);
    }

    private static final class Limited extends HttpServletRequestWrapper {

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
                    if (b >= 0 && ++read > MAX_JSON_BYTES) {
                        throw new BodyTooLargeException();
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int len) throws IOException {
                    int n = in.read(buffer, offset, len);
                    if (n > 0 && (read += n) > MAX_JSON_BYTES) {
                        throw new BodyTooLargeException();
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
