package org.satupintu.document;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for application-service on a loopback port: the PBG permit type (with test requirements), the
 * applications a test registers, answered only to requests that carry a bearer token, and the issuances a test
 * registers, answered as application-service does only to a token with realm role {@code service} (403 otherwise).
 */
public final class ApplicationServiceStub implements AutoCloseable {

    /** {@code KTP}: PDF/JPEG/PNG up to 64 MiB; {@code SMALL}: PDF up to 1 MiB. */
    public static final String PBG = """
            {"code":"PBG","name":{"id":"Persetujuan Bangunan Gedung","en":"Building Approval"},
             "requirements":[
               {"code":"KTP","name":{"id":"KTP","en":"ID card"},"mandatory":true,
                "contentTypes":["application/pdf","image/jpeg","image/png"],"maxSizeBytes":67108864},
               {"code":"SMALL","name":{"id":"Kecil","en":"Small"},"mandatory":false,
                "contentTypes":["application/pdf"],"maxSizeBytes":1048576}]}""";

    private final HttpServer server;
    private final Map<String, String> applications = new ConcurrentHashMap<>();
    private final Map<String, String> publicDocuments = new ConcurrentHashMap<>();
    private final Map<String, String> issuances = new ConcurrentHashMap<>();
    private final AtomicInteger applicationCalls = new AtomicInteger();
    private final AtomicInteger issuanceCalls = new AtomicInteger();

    private ApplicationServiceStub(HttpServer server) {
        this.server = server;
    }

    public static ApplicationServiceStub start() {
        return start(0);
    }

    /** On a given loopback port (e.g. to come back where an application-service was down), or 0 for any. */
    public static ApplicationServiceStub start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            ApplicationServiceStub stub = new ApplicationServiceStub(server);
            server.createContext("/", stub::handle);
            server.start();
            return stub;
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code GET /api/applications/{id}} as application-service would (only the fields used). */
    public void application(String id, String applicantId, String state) {
        applications.put(id, """
                {"id":"%s","registrationNumber":null,"permitTypeCode":"PBG","officeCode":"SULUT-MANADO",
                 "applicant":{"id":"%s","name":"Ani Suryani"},"state":"%s","permitNumber":null}"""
                .formatted(id, applicantId, state));
    }

    /**
     * Answers {@code GET /api/internal/issuances/{id}} as application-service would for an application issued to
     * Ani Suryani in SULUT-MANADO as PBG, now in {@code state}.
     */
    public void issued(String id, String holderId, String permitNumber, String state) {
        issuances.put(id, """
                {"applicationId":"%s","state":"%s","permitNumber":"%s","officeCode":"SULUT-MANADO",
                 "permitTypeCode":"PBG","registrationNumber":"REG-SULUT-MANADO-2026-000001",
                 "holder":{"id":"%s","name":"Ani Suryani"},"issuedAt":"2026-01-05T02:00:00Z"}"""
                .formatted(id, state, permitNumber, holderId));
    }

    public int issuanceCalls() {
        return issuanceCalls.get();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Serves a JSON document without a token (e.g. a JWK set). */
    public void serve(String path, String json) {
        publicDocuments.put(path, json);
    }

    public int applicationCalls() {
        return applicationCalls.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String body = null;
        int status;
        if (publicDocuments.containsKey(path)) {
            status = 200;
            body = publicDocuments.get(path);
        }
        else if (auth == null || !auth.startsWith("Bearer ")) {
            status = 401;
        }
        else if (path.equals("/api/permit-types/PBG")) {
            status = 200;
            body = PBG;
        }
        else if (path.startsWith("/api/internal/issuances/")) {
            issuanceCalls.incrementAndGet();
            if (!realmRoles(auth.substring("Bearer ".length())).contains("\"service\"")) {
                status = 403;
            }
            else {
                body = issuances.get(path.substring("/api/internal/issuances/".length()));
                status = body == null ? 404 : 200;
            }
        }
        else if (path.startsWith("/api/applications/")) {
            applicationCalls.incrementAndGet();
            body = applications.get(path.substring("/api/applications/".length()));
            status = body == null ? 404 : 200;
        }
        else {
            status = 404;
        }
        byte[] bytes = body == null ? "{\"status\":%d}".formatted(status).getBytes(StandardCharsets.UTF_8)
                : body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The token's {@code realm_access} claim as JSON text (the stub trusts the token; the real service checks it). */
    private static String realmRoles(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return "";
        }
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        int at = payload.indexOf("\"realm_access\"");
        return at < 0 ? "" : payload.substring(at, payload.indexOf('}', at) + 1);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
