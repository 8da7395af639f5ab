package org.satupintu.document;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;

import org.satupintu.testsupport.ApiClient;
import tools.jackson.databind.json.JsonMapper;

/** Streaming multipart uploads and downloads against a running document-service, plus test files. */
public final class Uploads {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Uploads() {
    }

    /** A file of {@code size} bytes that starts like a PDF and is otherwise random, written to a temp file. */
    public static Path pdfFile(long size) throws IOException {
        return file("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n".getBytes(StandardCharsets.ISO_8859_1), size);
    }

    public static Path file(byte[] head, long size) throws IOException {
        Path path = Files.createTempFile("upload-", ".bin");
        path.toFile().deleteOnExit();
        Random random = new Random(size);
        try (var out = Files.newOutputStream(path)) {
            out.write(head, 0, (int) Math.min(head.length, size));
            byte[] buffer = new byte[64 * 1024];
            for (long left = size - Math.min(head.length, size); left > 0;) {
                random.nextBytes(buffer);
                int n = (int) Math.min(buffer.length, left);
                out.write(buffer, 0, n);
                left -= n;
            }
        }
        return path;
    }

    /** {@code POST /api/documents} with the form fields first and the file streamed from disk. */
    public static ApiClient.Response upload(String baseUrl, String token, String applicationId,
            String requirementCode, String filename, String contentType, Path file, String... headers) {
        String boundary = "----satupintu" + UUID.randomUUID();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"applicationId\"\r\n\r\n"
                + applicationId + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"requirementCode\"\r\n\r\n" + requirementCode
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        try {
            HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.concat(
                    HttpRequest.BodyPublishers.ofByteArray(head.getBytes(StandardCharsets.UTF_8)),
                    HttpRequest.BodyPublishers.ofFile(file),
                    HttpRequest.BodyPublishers.ofByteArray(tail.getBytes(StandardCharsets.UTF_8)));
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + "/api/documents"))
                    .timeout(Duration.ofMinutes(5))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary);
            for (int i = 0; i + 1 < headers.length; i += 2) {
                builder.header(headers[i], headers[i + 1]);
            }
            HttpRequest request = builder.POST(body).build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new ApiClient.Response(response.statusCode(), response.headers().map(), response.body());
        }
        catch (IOException e) {
            throw new IllegalStateException("Upload failed: " + e, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The same form with the file part first and the fields after it, as some clients send it. */
    public static ApiClient.Response uploadFileFirst(String baseUrl, String token, String applicationId,
            String requirementCode, Path file) {
        String boundary = "----satupintu" + UUID.randomUUID();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"doc.pdf\""
                + "\r\nContent-Type: application/pdf\r\n\r\n";
        String tail = "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"applicationId\"\r\n\r\n"
                + applicationId + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"requirementCode\"\r\n\r\n" + requirementCode
                + "\r\n--" + boundary + "--\r\n";
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/documents"))
                    .timeout(Duration.ofMinutes(5))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.concat(
                            HttpRequest.BodyPublishers.ofByteArray(head.getBytes(StandardCharsets.UTF_8)),
                            HttpRequest.BodyPublishers.ofFile(file),
                            HttpRequest.BodyPublishers.ofByteArray(tail.getBytes(StandardCharsets.UTF_8))))
                    .build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new ApiClient.Response(response.statusCode(), response.headers().map(), response.body());
        }
        catch (IOException e) {
            throw new IllegalStateException("Upload failed: " + e, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Downloads and hashes without keeping the bytes. */
    public record Download(int status, HttpResponse<InputStream> response, long size, String sha256) {
    }

    public static Download download(String baseUrl, String token, String path, String... headers) {
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofMinutes(5)).header("Authorization", "Bearer " + token);
            for (int i = 0; i + 1 < headers.length; i += 2) {
                builder.header(headers[i], headers[i + 1]);
            }
            HttpResponse<InputStream> response = HTTP.send(builder.GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            long size = 0;
            try (InputStream in = response.body()) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) != -1;) {
                    digest.update(buffer, 0, n);
                    size += n;
                }
            }
            return new Download(response.statusCode(), response, size, HexFormat.of().formatHex(digest.digest()));
        }
        catch (Exception e) {
            throw new IllegalStateException("Download failed: " + e, e);
        }
    }

    public static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) != -1;) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The {@code sub} claim of a real token. */
    public static String subjectOf(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return JSON.readTree(payload).path("sub").asString();
    }
}
