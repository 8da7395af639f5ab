package org.satupintu.systemtests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.satupintu.testsupport.ApiClient;

/**
 * HTTP/1.1 written byte by byte on a loopback socket, for requests a well-behaved client library refuses to send:
 * CR, LF or NUL inside header values, raw {@code ..} in paths, lying {@code Content-Length}s.
 */
final class RawHttp {

    private final URI base;

    RawHttp(String baseUrl) {
        this.base = URI.create(baseUrl);
    }

    /** Sends {@code head} (request line and headers, CRLF-separated, without the blank line) and {@code body}. */
    ApiClient.Response send(String head, byte[] body) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", base.getPort()), 5000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            String host = "Host: localhost:" + base.getPort() + "\r\n";
            int firstLineEnd = head.indexOf("\r\n");
            String request = firstLineEnd < 0 ? head + "\r\n" + host
                    : head.substring(0, firstLineEnd + 2) + host + head.substring(firstLineEnd + 2) + "\r\n";
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.write("Connection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            try {
                out.write(body);
                out.flush();
            }
            catch (IOException e) {
                // The server may answer and close before reading a body it refuses; read what it said.
            }
            return parse(readAll(socket.getInputStream()));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ApiClient.Response get(String path, String token, String... extraHeaderLines) {
        StringBuilder head = new StringBuilder("GET " + path + " HTTP/1.1");
        if (token != null) {
            head.append("\r\nAuthorization: Bearer ").append(token);
        }
        for (String line : extraHeaderLines) {
            head.append("\r\n").append(line);
        }
        return send(head.toString(), new byte[0]);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0;) {
                all.write(buffer, 0, n);
            }
        }
        catch (java.net.SocketException e) {
            // Reset after the answer: keep what arrived.
        }
        return all.toByteArray();
    }

    static ApiClient.Response parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            throw new IllegalStateException("Not an HTTP response: '" + text + "'");
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].substring(9, 12));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        String length = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Content-Length"))
                .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        if (length != null && Integer.parseInt(length) < body.length) {
            // Anything after the declared body is a second answer on the same connection.
            body = java.util.Arrays.copyOf(body, Integer.parseInt(length));
        }
        boolean chunked = headers.entrySet().stream().anyMatch(e -> e.getKey().equalsIgnoreCase("Transfer-Encoding")
                && e.getValue().contains("chunked"));
        return new ApiClient.Response(status, headers, new String(chunked ? dechunk(body) : body,
                StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        while (pos < body.length) {
            int lineEnd = indexOfCrlf(body, pos);
            if (lineEnd < 0) {
                break;
            }
            String sizeText = new String(body, pos, lineEnd - pos, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int size = Integer.parseInt(sizeText, 16);
            if (size == 0) {
                break;
            }
            out.write(body, lineEnd + 2, size);
            pos = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOfCrlf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
