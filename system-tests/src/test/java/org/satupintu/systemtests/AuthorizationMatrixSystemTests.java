package org.satupintu.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.satupintu.testsupport.ApiClient;
import tools.jackson.databind.JsonNode;

/**
 * Every call of API.md for every kind of caller, against the real platform through the gateway, as written in
 * {@code src/test/resources/authorization-matrix.md} (the rules of a cell are explained there). One dynamic test per
 * cell, named after its row and column.
 */
class AuthorizationMatrixSystemTests {

    private static final String MATRIX = "/authorization-matrix.md";

    private final ApiClient gateway = new ApiClient(RunningPlatform.get().gatewayUrl());
    private final Fixtures fixtures = new Fixtures(gateway);
    private final Map<String, JsonNode> shared = new HashMap<>();
    private final Map<String, Cell> calls = calls();

    /** What a cell did: the answer, what must (not) be in it, and how to see that a refused call changed nothing. */
    record Outcome(ApiClient.Response response, String marker, Runnable unchanged) {

        static Outcome of(ApiClient.Response response, String marker) {
            return new Outcome(response, marker, () -> { });
        }
    }

    @FunctionalInterface
    interface Cell {
        /** @param allowed whether the matrix expects success, i.e. whether a fresh fixture is needed */
        Outcome run(Persona who, boolean allowed);
    }

    record Expectation(int status, Boolean listed) {

        static Expectation parse(String cell) {
            String[] parts = cell.trim().split("\\s+");
            Boolean listed = parts.length < 2 ? null : switch (parts[1]) {
                case "listed" -> true;
                case "unlisted" -> false;
                default -> throw new IllegalArgumentException("Unknown cell qualifier in '" + cell + "'");
            };
            return new Expectation(Integer.parseInt(parts[0]), listed);
        }

        boolean allowed() {
            return status < 300;
        }

        @Override
        public String toString() {
            return status + (listed == null ? "" : listed ? " listed" : " unlisted");
        }
    }

    record Row(String call, Map<Persona, Expectation> cells) {
    }

    @TestFactory
    Stream<DynamicNode> everyCallOfTheApiForEveryCaller() {
        List<Row> rows = readMatrix();
        assertThat(rows.stream().map(Row::call).toList()).as("rows of " + MATRIX)
                .containsExactlyInAnyOrderElementsOf(calls.keySet());
        return rows.stream().map(row -> dynamicContainer(row.call(), row.cells().entrySet().stream()
                .map(cell -> dynamicTest(row.call() + " / " + cell.getKey().column() + " -> " + cell.getValue(),
                        () -> check(row.call(), cell.getKey(), cell.getValue())))));
    }

    private void check(String call, Persona who, Expectation expected) {
        Outcome outcome = calls.get(call).run(who, expected.allowed());
        ApiClient.Response response = outcome.response();
        assertThat(response.status()).as("%s as %s answered %s", call, who.column(), response.body())
                .isNotEqualTo(429).isEqualTo(expected.status());
        if (expected.allowed()) {
            if (expected.listed() != null) {
                if (expected.listed()) {
                    assertThat(response.body()).as("the list shows the fixture").contains(outcome.marker());
                }
                else {
                    assertThat(response.body()).as("the list hides the fixture").doesNotContain(outcome.marker());
                }
            }
            else if (outcome.marker() != null) {
                assertThat(response.body()).contains(outcome.marker());
            }
            return;
        }
        assertThat(response.contentType()).as("refusals are problem JSON").startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("status").asInt()).isEqualTo(expected.status());
        assertThat(problem.path("type").asString()).isNotBlank();
        assertThat(problem.path("title").asString()).isNotBlank();
        outcome.unchanged().run();
    }

    /**
     * The service-to-service endpoint straight at application-service (the gateway does not route it, see the
     * matrix): only document-service's own client (realm role {@code service}) reads an issuance; every person and
     * office system of the matrix is refused with 403 problem JSON, and no token is 401.
     */
    @TestFactory
    Stream<DynamicNode> onlyTheServiceRoleReadsAnIssuanceAtApplicationService() {
        ApiClient direct = new ApiClient(RunningPlatform.get().service("application-service").url());
        String id = shared("issued", fixtures::issued).path("id").asString();
        Stream<DynamicNode> people = Stream.of(Persona.values()).map(who -> dynamicTest(who.column(), () -> {
            ApiClient.Response response = direct.get("/api/internal/issuances/" + id, who.token());
            assertThat(response.status()).as(response.body()).isEqualTo(who == Persona.ANONYMOUS ? 401 : 403);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }));
        Stream<DynamicNode> service = Stream.of(dynamicTest("document-service", () -> {
            ApiClient.Response response = direct.get("/api/internal/issuances/" + id,
                    RunningPlatform.clientToken("document-service", "dev-secret-document-service"));
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.json().path("state").asString()).isEqualTo("ISSUED");
            assertThat(response.json().path("permitNumber").asString()).isEqualTo(
                    shared("issued", fixtures::issued).path("permitNumber").asString());
        }));
        return Stream.concat(people, service);
    }

    // ---- the calls ---------------------------------------------------------------------------------------------

    private Map<String, Cell> calls() {
        Map<String, Cell> c = new LinkedHashMap<>();
        c.put("GET /api/permit-types", (who, ok) -> Outcome.of(gateway.get("/api/permit-types", who.token()),
                "\"PBG\""));
        c.put("GET /api/permit-types/PBG", (who, ok) -> Outcome.of(gateway.get("/api/permit-types/PBG",
                who.token()), "\"PBG\""));
        c.put("POST /api/permit-types", (who, ok) -> {
            String code = "UJI_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase().replace('-', '_');
            return new Outcome(gateway.post("/api/permit-types", who.token(), Fixtures.permitTypeJson(code)), code,
                    () -> assertThat(gateway.get("/api/permit-types/" + code, Persona.ADMIN.token()).status())
                            .as("no permit type was created").isEqualTo(404));
        });
        c.put("PUT /api/permit-types/{type}", (who, ok) -> {
            JsonNode type = ok ? newPermitType() : shared("type", this::newPermitType);
            String code = type.path("code").asString();
            String etag = gateway.get("/api/permit-types/" + code, Persona.ADMIN.token()).header("ETag");
            String changed = Fixtures.permitTypeJson(code).replace("\"slaWorkingDays\":10", "\"slaWorkingDays\":12");
            return new Outcome(gateway.send("PUT", "/api/permit-types/" + code, who.token(), changed, "If-Match",
                    etag), code, () -> assertThat(gateway.get("/api/permit-types/" + code, Persona.ADMIN.token())
                            .header("ETag")).as("the permit type is unchanged").isEqualTo(etag));
        });
        c.put("POST /api/applications", (who, ok) -> {
            long before = total("/api/applications?size=1", Persona.ADMIN);
            return new Outcome(gateway.post("/api/applications", who.token(), Fixtures.applicationJson(
                    Fixtures.OFFICE)), "\"DRAFT\"", () -> assertThat(total("/api/applications?size=1",
                            Persona.ADMIN)).as("no application was created").isEqualTo(before));
        });
        c.put("GET /api/applications?q={submitted}", (who, ok) -> {
            JsonNode app = shared("submitted", () -> fixtures.submitted(Persona.OWNER));
            return Outcome.of(gateway.get("/api/applications?q=" + app.path("registrationNumber").asString(),
                    who.token()), app.path("id").asString());
        });
        c.put("GET /api/applications/{submitted}", (who, ok) -> {
            JsonNode app = shared("submitted", () -> fixtures.submitted(Persona.OWNER));
            return Outcome.of(gateway.get(path(app), who.token()), app.path("id").asString());
        });
        c.put("GET /api/applications/{submitted}/history", (who, ok) -> {
            JsonNode app = shared("submitted", () -> fixtures.submitted(Persona.OWNER));
            return Outcome.of(gateway.get(path(app) + "/history", who.token()), "\"submit\"");
        });
        c.put("GET /api/applications/{walk-in}", (who, ok) -> {
            JsonNode app = shared("walk-in", fixtures::walkIn);
            return Outcome.of(gateway.get(path(app), who.token()), app.path("id").asString());
        });
        c.put("GET /api/applications/stats", (who, ok) -> Outcome.of(gateway.get("/api/applications/stats",
                who.token()), "byState"));
        c.put("PATCH /api/applications/{draft}", (who, ok) -> applicationChange(who, ok, "draft",
                () -> fixtures.draft(Persona.OWNER), app -> gateway.send("PATCH", path(app), who.token(),
                        "{\"form\":{\"jumlah\":3}}", "If-Match", etag(app))));
        c.put("PATCH /api/applications/{walk-in}", (who, ok) -> applicationChange(who, ok, "walk-in",
                fixtures::walkIn, app -> gateway.send("PATCH", path(app), who.token(), "{\"form\":{\"jumlah\":3}}",
                        "If-Match", etag(app))));
        c.put("POST /api/applications/{draft}/submit", (who, ok) -> applicationChange(who, ok, "draft",
                () -> fixtures.draft(Persona.OWNER), app -> gateway.post(path(app) + "/submit", who.token(), "")));
        c.put("POST /api/applications/{walk-in}/submit", (who, ok) -> applicationChange(who, ok, "walk-in",
                fixtures::walkIn, app -> gateway.post(path(app) + "/submit", who.token(), "")));
        c.put("POST /api/applications/{submitted}/assign", (who, ok) -> applicationChange(who, ok, "submitted",
                () -> fixtures.submitted(Persona.OWNER), app -> gateway.post(path(app) + "/assign", who.token(),
                        "{}")));
        c.put("POST /api/applications/{under-review}/request-revision", (who, ok) -> applicationChange(who, ok,
                "under-review", fixtures::underReview, app -> gateway.post(path(app) + "/request-revision",
                        who.token(), "{\"reason\":\"Lampiran kurang jelas\"}")));
        c.put("POST /api/applications/{under-review}/recommend", (who, ok) -> applicationChange(who, ok,
                "under-review", fixtures::underReview, app -> gateway.post(path(app) + "/recommend", who.token(),
                        "{\"note\":\"Lengkap\"}")));
        c.put("POST /api/applications/{recommended}/approve", (who, ok) -> applicationChange(who, ok, "recommended",
                fixtures::recommended, app -> gateway.post(path(app) + "/approve", who.token(),
                        "{\"note\":\"Disetujui\"}")));
        c.put("POST /api/applications/{recommended}/reject", (who, ok) -> applicationChange(who, ok, "recommended",
                fixtures::recommended, app -> gateway.post(path(app) + "/reject", who.token(),
                        "{\"reason\":\"Lokasi tidak sesuai tata ruang\"}")));
        c.put("POST /api/applications/{draft}/withdraw", (who, ok) -> applicationChange(who, ok, "draft",
                () -> fixtures.draft(Persona.OWNER), app -> gateway.post(path(app) + "/withdraw", who.token(),
                        "{\"reason\":\"Tidak jadi\"}")));
        c.put("POST /api/applications/{levy-under-review}/assess-levy", (who, ok) -> applicationChange(who, ok,
                "levy-under-review", () -> fixtures.levyUnderReview(Persona.OWNER), app -> gateway.post(path(app)
                        + "/assess-levy", who.token(), "{\"amountIdr\":2500000,\"basis\":\"Tarif uji\"}")));
        c.put("POST /api/applications/{awaiting-payment}/payments", (who, ok) -> applicationChange(who, ok,
                "awaiting-payment", fixtures::awaitingPayment, app -> gateway.post(path(app) + "/payments",
                        who.token(), Fixtures.paymentJson(app, Fixtures.LEVY_IDR, "BSG-" + app.path("id")
                                .asString()))));
        c.put("POST /api/applications/{renewable}/renew", (who, ok) -> applicationChange(who, ok, "renewable",
                fixtures::renewable, app -> gateway.post(path(app) + "/renew", who.token(), "")));
        c.put("POST /api/applications/{renewable}/revoke", (who, ok) -> applicationChange(who, ok, "renewable",
                fixtures::renewable, app -> gateway.post(path(app) + "/revoke", who.token(),
                        "{\"reason\":\"Izin diterbitkan karena kekeliruan data\"}")));
        c.put("POST /api/documents to {draft}", (who, ok) -> upload(who, ok, "draft",
                () -> fixtures.draft(Persona.OWNER)));
        c.put("POST /api/documents to {walk-in}", (who, ok) -> upload(who, ok, "walk-in", fixtures::walkIn));
        c.put("GET /api/documents?applicationId={document}", (who, ok) -> {
            JsonNode doc = shared("document", this::newDocument);
            return Outcome.of(gateway.get("/api/documents?applicationId=" + doc.path("applicationId").asString(),
                    who.token()), doc.path("id").asString());
        });
        c.put("GET /api/documents/{document}", (who, ok) -> {
            JsonNode doc = shared("document", this::newDocument);
            return Outcome.of(gateway.get("/api/documents/" + doc.path("id").asString(), who.token()),
                    doc.path("sha256").asString());
        });
        c.put("GET /api/documents/{document}/content", (who, ok) -> {
            JsonNode doc = shared("document", this::newDocument);
            return Outcome.of(gateway.get("/api/documents/" + doc.path("id").asString() + "/content", who.token()),
                    "%PDF-1.4");
        });
        c.put("DELETE /api/documents/{document}", (who, ok) -> {
            JsonNode doc = ok ? newDocument() : shared("document", this::newDocument);
            String path = "/api/documents/" + doc.path("id").asString();
            return new Outcome(gateway.send("DELETE", path, who.token(), null), null,
                    () -> assertThat(gateway.get(path, Persona.ADMIN.token()).status())
                            .as("the document is still there").isEqualTo(200));
        });
        c.put("GET /api/public/permits/{permit}", (who, ok) -> {
            String permit = shared("issued", fixtures::issued).path("permitNumber").asString();
            return Outcome.of(gateway.get("/api/public/permits/" + permit, who.token()), permit);
        });
        c.put("GET /api/internal/issuances/{issued}", (who, ok) -> {
            String id = shared("issued", fixtures::issued).path("id").asString();
            return Outcome.of(gateway.get("/api/internal/issuances/" + id, who.token()), id);
        });
        c.put("GET /api/notifications", (who, ok) -> {
            JsonNode notification = shared("notification", this::newNotification);
            return Outcome.of(gateway.get("/api/notifications?size=100", who.token()),
                    notification.path("id").asString());
        });
        c.put("POST /api/notifications/{notification}/read", (who, ok) -> {
            JsonNode notification = ok ? newNotification() : shared("notification", this::newNotification);
            String id = notification.path("id").asString();
            return new Outcome(gateway.post("/api/notifications/" + id + "/read", who.token(), ""), null,
                    () -> assertThat(gateway.get("/api/notifications?unread=true&size=100", Persona.OWNER.token())
                            .body()).as("the notification is still unread").contains(id));
        });
        c.put("GET /api/notifications/stream", (who, ok) -> Outcome.of(stream(who), null));
        c.put("POST /api/webhooks", (who, ok) -> {
            long before = total("/api/webhooks?size=1", Persona.ADMIN);
            return new Outcome(gateway.post("/api/webhooks", who.token(), Fixtures.webhookJson(Fixtures.OFFICE)),
                    "\"secret\"", () -> assertThat(total("/api/webhooks?size=1", Persona.ADMIN))
                            .as("no webhook was created").isEqualTo(before));
        });
        c.put("GET /api/webhooks", (who, ok) -> {
            JsonNode webhook = shared("webhook", fixtures::webhook);
            return Outcome.of(gateway.get("/api/webhooks?size=100", who.token()), webhook.path("id").asString());
        });
        c.put("GET /api/webhooks/{webhook}/deliveries", (who, ok) -> {
            JsonNode webhook = shared("webhook", fixtures::webhook);
            return Outcome.of(gateway.get("/api/webhooks/" + webhook.path("id").asString() + "/deliveries",
                    who.token()), "\"content\"");
        });
        c.put("DELETE /api/webhooks/{webhook}", (who, ok) -> {
            JsonNode webhook = ok ? fixtures.webhook() : shared("webhook", fixtures::webhook);
            String path = "/api/webhooks/" + webhook.path("id").asString();
            return new Outcome(gateway.send("DELETE", path, who.token(), null), null,
                    () -> assertThat(gateway.get(path + "/deliveries", Persona.ADMIN.token()).status())
                            .as("the webhook is still there").isEqualTo(200));
        });
        c.put("GET /api/ops/queues", (who, ok) -> Outcome.of(gateway.get("/api/ops/queues", who.token()),
                "satupintu.application.events"));
        c.put("POST /api/ops/dead-letters/satupintu.application.events/replay", (who, ok) -> Outcome.of(
                gateway.post("/api/ops/dead-letters/satupintu.application.events/replay", who.token(), ""), null));
        return c;
    }

    /** A state change of an application: fresh fixture when allowed, else the shared one, checked unchanged. */
    private Outcome applicationChange(Persona who, boolean allowed, String fixture, Supplier<JsonNode> make,
            java.util.function.Function<JsonNode, ApiClient.Response> call) {
        JsonNode app = allowed ? make.get() : shared(fixture, make);
        return new Outcome(call.apply(app), app.path("id").asString(), () -> {
            String now = gateway.get(path(app), checker().token()).header("ETag");
            if (!etag(app).equals(now)) {
                shared.remove(fixture);
            }
            assertThat(now).as("the application is unchanged").isEqualTo(etag(app));
        });
    }

    /**
     * Who reads a fixture back to see it unchanged: in turn an admin and the office's supervisor and system (every
     * fixture is SULUT-MANADO's), so the checks of some 300 refused cells stay below one caller's rate limit.
     */
    private Persona checker() {
        return CHECKERS.get(Math.floorMod(checks++, CHECKERS.size()));
    }

    private static final List<Persona> CHECKERS = List.of(Persona.ADMIN, Persona.SUPERVISOR, Persona.INTEGRATION);
    private int checks;

    private Outcome upload(Persona who, boolean allowed, String fixture, Supplier<JsonNode> make) {
        JsonNode app = allowed ? make.get() : shared(fixture, make);
        String list = "/api/documents?applicationId=" + app.path("id").asString();
        String before = gateway.get(list, Persona.ADMIN.token()).body();
        return new Outcome(fixtures.upload(who, app.path("id").asString(), "lampiran.pdf", Fixtures.PDF),
                app.path("id").asString(), () -> assertThat(gateway.get(list, Persona.ADMIN.token()).body())
                        .as("no document was added").isEqualTo(before));
    }

    private JsonNode newPermitType() {
        String code = "UJI_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        ApiClient.Response created = gateway.post("/api/permit-types", Persona.ADMIN.token(),
                Fixtures.permitTypeJson(code));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    private JsonNode newDocument() {
        return fixtures.document(Persona.OWNER, fixtures.draft(Persona.OWNER).path("id").asString());
    }

    private JsonNode newNotification() {
        return fixtures.notificationOf(Persona.OWNER, fixtures.submitted(Persona.OWNER).path("id").asString());
    }

    private JsonNode shared(String name, Supplier<JsonNode> make) {
        JsonNode value = shared.get(name);
        if (value == null) {
            value = make.get();
            shared.put(name, value);
        }
        return value;
    }

    private long total(String path, Persona who) {
        ApiClient.Response response = gateway.get(path, who.token());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().path("page").path("totalElements").asLong();
    }

    /** Opens the live stream, reads the status and content type, and hangs up. */
    private ApiClient.Response stream(Persona who) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(RunningPlatform.get().gatewayUrl()
                + "/api/notifications/stream")).timeout(Duration.ofSeconds(20)).header("Accept", "text/event-stream");
        if (who.token() != null) {
            request.header("Authorization", "Bearer " + who.token());
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<InputStream> response = http.send(request.GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                String text = response.statusCode() == 200 ? "" : new String(body.readAllBytes(),
                        StandardCharsets.UTF_8);
                if (response.statusCode() == 200) {
                    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                            type -> assertThat(type).startsWith("text/event-stream"));
                }
                return new ApiClient.Response(response.statusCode(), response.headers().map(), text);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String path(JsonNode app) {
        return "/api/applications/" + app.path("id").asString();
    }

    private static String etag(JsonNode app) {
        return "\"" + app.path("version").asLong() + "\"";
    }

    // ---- the table ---------------------------------------------------------------------------------------------

    static List<Row> readMatrix() {
        String text;
        try (InputStream in = AuthorizationMatrixSystemTests.class.getResourceAsStream(MATRIX)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> lines = text.lines().map(String::trim).toList();
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("| call |")).findFirst()
                .orElseThrow(() -> new IllegalStateException("No '| call |' header in " + MATRIX)));
        List<Persona> columns = cells(lines.get(header)).stream().skip(1).map(Persona::ofColumn).toList();
        assertThat(Set.copyOf(columns)).as("every caller has a column").containsExactlyInAnyOrder(Persona.values());
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(header + 2, lines.size())) {
            if (!line.startsWith("|")) {
                break;
            }
            List<String> cells = cells(line);
            assertThat(cells).as(line).hasSize(columns.size() + 1);
            Map<Persona, Expectation> expectations = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                expectations.put(columns.get(i), Expectation.parse(cells.get(i + 1)));
            }
            rows.add(new Row(cells.get(0), expectations));
        }
        return rows;
    }

    private static List<String> cells(String line) {
        String inner = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length());
        return List.of(inner.split("\\|", -1)).stream().map(String::trim).toList();
    }
}
