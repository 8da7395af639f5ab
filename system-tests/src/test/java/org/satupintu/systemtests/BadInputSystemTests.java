package org.satupintu.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.satupintu.testsupport.ApiClient;
import tools.jackson.databind.JsonNode;

/**
 * Hostile and broken requests through the gateway: malformed and oversized JSON, wrong types, invalid transitions,
 * stale versions, disguised executables, bad files, path traversal, header injection, huge queries, forged tokens,
 * bad paging and enum values. Each named case must be refused with a 4xx RFC 9457 problem (never a 5xx, never an
 * HTML or empty page), and afterwards what it aimed at must read exactly as before through the API. A last check
 * compares everything once more.
 */
class BadInputSystemTests {

    /** What a case could have changed; read before and after it. */
    enum Area {
        APPLICATIONS, DOCUMENTS, NOTIFICATIONS, WEBHOOKS, CATALOG
    }

    record Case(String name, Set<Area> areas, Supplier<ApiClient.Response> call, Set<Integer> expected,
            Consumer<ApiClient.Response> extra) {
    }

    private static final String APPS = "/api/applications";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static ForgedTokens forged;

    private final ApiClient gateway = new ApiClient(RunningPlatform.get().gatewayUrl());
    private final RawHttp raw = new RawHttp(RunningPlatform.get().gatewayUrl());
    private final Fixtures fixtures = new Fixtures(gateway);
    private final List<Case> cases = new ArrayList<>();

    // The targets, all eko's (an applicant no other system test gives applications), in SULUT-MANADO.
    private String draft;
    private String draftDocument;
    private String submitted;
    private String submittedDocument;
    private String pbgDraft;
    private String webhook;
    private String levyUnderReview;
    private JsonNode awaitingPayment;
    private String issued;

    @AfterAll
    static void removeExtraRealmKey() {
        if (forged != null) {
            forged.close();
            forged = null;
        }
    }

    @TestFactory
    Stream<DynamicTest> badInputIsRefusedWithProblemJsonAndChangesNothing() {
        prepareTargets();
        forged = ForgedTokens.install();
        defineCases();
        Map<String, String> before = snapshot(EnumSet.allOf(Area.class));
        Stream<DynamicTest> each = cases.stream().map(c -> dynamicTest(c.name(), () -> {
            ApiClient.Response response = c.call().get();
            assertRefusal(c, response);
            c.extra().accept(response);
            Map<String, String> after = snapshot(c.areas());
            Map<String, String> expected = restrict(before, c.areas());
            // A change fails this case only: the next cases are judged against what is there now.
            before.putAll(after);
            assertThat(after).as("what '%s' aimed at is unchanged", c.name()).isEqualTo(expected);
        }));
        Map<String, String> first = Map.copyOf(before);
        Stream<DynamicTest> count = Stream.of(dynamicTest("there are at least 100 named cases", () -> {
            assertThat(cases).hasSizeGreaterThanOrEqualTo(100);
            assertThat(cases.stream().map(Case::name).distinct().count()).as("names are unique")
                    .isEqualTo(cases.size());
        }));
        Stream<DynamicTest> last = Stream.of(dynamicTest("afterwards everything reads exactly as before",
                () -> assertThat(snapshot(EnumSet.allOf(Area.class))).isEqualTo(first)));
        return Stream.of(count, each, last).flatMap(s -> s);
    }

    /**
     * Hostile file names on an otherwise good upload are not refused (API.md: "file names are sanitised"): the
     * document is stored under a safe name and served with a safe {@code Content-Disposition} (or, where the name
     * breaks the multipart headers themselves, refused as problem JSON). Each is removed again, on an application of
     * eko's kept apart from the targets above.
     */
    @TestFactory
    Stream<DynamicTest> hostileFileNamesAreStoredSanitised() {
        Persona eko = Persona.OTHER_APPLICANT;
        String scratch = fixtures.draft(eko).path("id").asString();
        Map<String, String> names = new java.util.LinkedHashMap<>();
        names.put("parent directories", "../../../../etc/passwd.pdf");
        names.put("Windows parent directories", "..\\..\\windows\\system32\\ktp.pdf");
        names.put("absolute path", "/var/lib/satupintu/ktp.pdf");
        names.put("NUL byte", "ktp.pdf\u0000.exe");
        names.put("right-to-left override", "ktp\u202Efdp.exe");
        names.put("CR LF header injection", "ktp.pdf\r\nContent-Type: text/html");
        names.put("500 characters", "k".repeat(500) + ".pdf");
        names.put("only dots", "...");
        names.put("markup", "<img src=x onerror=alert(1)>.pdf");
        return names.entrySet().stream().map(e -> dynamicTest("file name: " + e.getKey(), () -> {
            ApiClient.Response uploaded = fixtures.upload(eko, scratch, e.getValue(), Fixtures.PDF);
            if (uploaded.status() != 201) {
                // A name that breaks the multipart headers may be refused instead, as problem JSON, keeping nothing.
                assertThat(uploaded.status()).as(uploaded.body()).isBetween(400, 499);
                assertThat(uploaded.contentType()).startsWith("application/problem+json");
                assertThat(gateway.get("/api/documents?applicationId=" + scratch, eko.token()).json()).isEmpty();
                return;
            }
            String stored = uploaded.json().path("filename").asString();
            assertThat(stored).isNotBlank().doesNotContain("/", "\\", "..", "\u0000", "\u202E", "\r", "\n", "<",
                    ">");
            assertThat(stored.codePointCount(0, stored.length())).isLessThanOrEqualTo(120);
            String id = uploaded.json().path("id").asString();
            ApiClient.Response download = gateway.get("/api/documents/" + id + "/content", eko.token());
            assertThat(download.status()).isEqualTo(200);
            assertThat(download.header("Content-Disposition")).startsWith("attachment").doesNotContain("\r",
                    "\n", "/", "\\");
            assertThat(gateway.send("DELETE", "/api/documents/" + id, eko.token(), null).status()).isEqualTo(204);
            assertThat(gateway.get("/api/documents?applicationId=" + scratch, eko.token()).json()).isEmpty();
        }));
    }

    private static void assertRefusal(Case c, ApiClient.Response response) {
        assertThat(response.status()).as("'%s' answered %s %s", c.name(), response.status(), response.body())
                .isIn(c.expected());
        assertThat(response.contentType()).as("'%s' answers problem JSON: %s", c.name(), response.body())
                .isNotNull().startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("status").asInt()).as("'%s' status member: %s", c.name(), response.body())
                .isEqualTo(response.status());
        assertThat(problem.path("type").asString()).as("'%s' type member: %s", c.name(), response.body())
                .isNotBlank();
        assertThat(problem.path("title").asString()).as("'%s' title member: %s", c.name(), response.body())
                .isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("<html");
    }

    // ---- targets and snapshots ----------------------------------------------------------------------------------

    private void prepareTargets() {
        Persona eko = Persona.OTHER_APPLICANT;
        JsonNode d = fixtures.draft(eko);
        draft = d.path("id").asString();
        draftDocument = fixtures.document(eko, draft).path("id").asString();
        fixtures.awaitOnChecklist(eko, draft, draftDocument);

        JsonNode s = fixtures.draft(eko);
        submitted = s.path("id").asString();
        submittedDocument = fixtures.document(eko, submitted).path("id").asString();
        fixtures.awaitOnChecklist(eko, submitted, submittedDocument);
        fixtures.act(eko, gateway.get(APPS + "/" + submitted, eko.token()).json(), "submit", "");
        fixtures.notificationOf(eko, submitted);

        ApiClient.Response pbg = gateway.post(APPS, eko.token(), """
                {"permitTypeCode":"PBG","officeCode":"SULUT-MANADO",
                 "form":{"buildingFunction":"usaha","siteAddress":"Jl. Sam Ratulangi 10, Manado",
                         "landAreaM2":200,"buildingAreaM2":120,"floors":2,"landTitleNumber":"SHM 1234"}}""");
        assertThat(pbg.status()).as(pbg.body()).isEqualTo(201);
        pbgDraft = pbg.json().path("id").asString();
        webhook = fixtures.webhook().path("id").asString();
        levyUnderReview = fixtures.levyUnderReview(eko).path("id").asString();
        awaitingPayment = fixtures.awaitingPayment(eko);
        issued = fixtures.renewable(eko).path("id").asString();
        // Valid one month, it is inside the 30-day reminder at once: let that reminder land before the snapshot.
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            for (JsonNode n : gateway.get("/api/notifications?size=100", eko.token()).json().path("content")) {
                if (n.path("applicationId").asString().equals(issued) && n.path("eventType").asString()
                        .equals(org.satupintu.events.EventTypes.APPLICATION_PERMIT_EXPIRING)) {
                    return true;
                }
            }
            return false;
        });
    }

    /** Reads what the areas hold, through the API, as several callers (so no one caller meets the rate limit). */
    private Map<String, String> snapshot(Set<Area> areas) {
        Map<String, String> state = new TreeMap<>();
        if (areas.contains(Area.APPLICATIONS)) {
            for (String id : List.of(draft, submitted, pbgDraft)) {
                ApiClient.Response app = gateway.get(APPS + "/" + id, Persona.SUPERVISOR.token());
                state.put("application " + id, app.status() + " " + app.header("ETag") + " " + app.body());
            }
            // The lifecycle targets as other callers of the office, so no one caller meets the rate limit.
            Map<String, Persona> lifecycle = Map.of(levyUnderReview, Persona.ADMIN,
                    awaitingPayment.path("id").asString(), Persona.ADMIN, issued, Persona.INTEGRATION);
            lifecycle.forEach((id, reader) -> {
                ApiClient.Response app = gateway.get(APPS + "/" + id, reader.token());
                state.put("application " + id, app.status() + " " + app.header("ETag") + " " + app.body());
            });
            state.put("applications (admin)", gateway.get(APPS + "?size=1", Persona.ADMIN.token()).json()
                    .path("page").path("totalElements").asString());
        }
        if (areas.contains(Area.DOCUMENTS)) {
            for (String id : List.of(draft, submitted)) {
                state.put("documents of " + id, gateway.get("/api/documents?applicationId=" + id,
                        Persona.OFFICER.token()).body());
            }
        }
        if (areas.contains(Area.NOTIFICATIONS)) {
            state.put("inbox", gateway.get("/api/notifications?size=100", Persona.OTHER_APPLICANT.token()).body());
        }
        if (areas.contains(Area.WEBHOOKS)) {
            state.put("webhooks", gateway.get("/api/webhooks?size=100", Persona.INTEGRATION.token()).body());
        }
        if (areas.contains(Area.CATALOG)) {
            state.put("catalog", gateway.get("/api/permit-types?includeInactive=true", Persona.OPS.token()).body());
        }
        return state;
    }

    private static Map<String, String> restrict(Map<String, String> all, Set<Area> areas) {
        Map<String, String> subset = new TreeMap<>();
        all.forEach((key, value) -> {
            boolean keep = (areas.contains(Area.APPLICATIONS) && key.startsWith("application"))
                    || (areas.contains(Area.DOCUMENTS) && key.startsWith("documents"))
                    || (areas.contains(Area.NOTIFICATIONS) && key.equals("inbox"))
                    || (areas.contains(Area.WEBHOOKS) && key.equals("webhooks"))
                    || (areas.contains(Area.CATALOG) && key.equals("catalog"));
            if (keep) {
                subset.put(key, value);
            }
        });
        return subset;
    }

    // ---- the cases ------------------------------------------------------------------------------------------------

    private void add(String name, Set<Area> areas, int expected, Supplier<ApiClient.Response> call) {
        add(name, areas, Set.of(expected), call, r -> { });
    }

    private void add(String name, Set<Area> areas, Set<Integer> expected, Supplier<ApiClient.Response> call,
            Consumer<ApiClient.Response> extra) {
        cases.add(new Case(name, areas, call, expected, extra));
    }

    private void defineCases() {
        cases.clear();
        applicationBodies();
        edits();
        transitions();
        lifecycle();
        searchesAndPaging();
        notifications();
        webhooks();
        documents();
        catalog();
        paths();
        headers();
        tokens();
    }

    private static final Set<Area> APP = EnumSet.of(Area.APPLICATIONS);
    private static final Set<Area> DOCS = EnumSet.of(Area.DOCUMENTS, Area.APPLICATIONS);
    private static final Set<Area> NONE = EnumSet.noneOf(Area.class);

    private String eko() {
        return Persona.OTHER_APPLICANT.token();
    }

    private static String validApplication() {
        return Fixtures.applicationJson(Fixtures.OFFICE);
    }

    private static String withForm(String formJson) {
        return "{\"permitTypeCode\":\"" + Fixtures.TYPE + "\",\"officeCode\":\"SULUT-MANADO\",\"form\":" + formJson
                + "}";
    }

    private void applicationBodies() {
        add("create: malformed JSON", APP, 400, () -> gateway.post(APPS, eko(), "{\"permitTypeCode\":"));
        add("create: empty body", APP, 400, () -> gateway.post(APPS, eko(), ""));
        add("create: a JSON array instead of an object", APP, 400, () -> gateway.post(APPS, eko(), "[]"));
        add("create: JSON null", APP, 400, () -> gateway.post(APPS, eko(), "null"));
        add("create: trailing garbage after the JSON", APP, 400,
                () -> gateway.post(APPS, eko(), validApplication() + " {\"more\":1}"));
        add("create: permitTypeCode is a number", APP, 400, () -> gateway.post(APPS, eko(),
                "{\"permitTypeCode\":42,\"officeCode\":\"SULUT-MANADO\",\"form\":{\"kegiatan\":\"x\"}}"));
        add("create: form is a string", APP, 400, () -> gateway.post(APPS, eko(),
                "{\"permitTypeCode\":\"UJI_AKSES\",\"officeCode\":\"SULUT-MANADO\",\"form\":\"kegiatan\"}"));
        add("create: officeCode in lower case", APP, 400, () -> gateway.post(APPS, eko(),
                validApplication().replace("\"SULUT-MANADO\"", "\"sulut-manado\"")));
        add("create: officeCode of 60 characters", APP, 400, () -> gateway.post(APPS, eko(),
                validApplication().replace("\"SULUT-MANADO\"", "\"" + "S".repeat(60) + "\"")));
        add("create: permitTypeCode with path characters", APP, 400, () -> gateway.post(APPS, eko(),
                validApplication().replace("\"UJI_AKSES\"", "\"../PBG\"")));
        add("create: unknown permit type", APP, 404, () -> gateway.post(APPS, eko(),
                validApplication().replace("\"UJI_AKSES\"", "\"TIDAK_ADA\"")));
        add("create: unknown form field", APP, 400, () -> gateway.post(APPS, eko(),
                withForm("{\"kegiatan\":\"x\",\"warnaFavorit\":\"biru\"}")));
        add("create: form key that is a MongoDB operator", APP, 400, () -> gateway.post(APPS, eko(),
                withForm("{\"kegiatan\":\"x\",\"$where\":\"sleep(1000)\"}")));
        add("create: form key with a dot", APP, 400, () -> gateway.post(APPS, eko(),
                withForm("{\"kegiatan\":\"x\",\"state.name\":\"ISSUED\"}")));
        add("create: number field given text", APP, 400, () -> gateway.post(APPS, eko(),
                withForm("{\"kegiatan\":\"x\",\"jumlah\":\"tiga\"}")));
        add("create: number field overflowing to infinity", APP, 400, () -> gateway.post(APPS, eko(),
                withForm("{\"kegiatan\":\"x\",\"jumlah\":1e400}")));
        add("create: NaN literal", APP, 400, () -> gateway.post(APPS, eko(),
                withForm("{\"kegiatan\":\"x\",\"jumlah\":NaN}")));
        add("create: date field with February 30", APP, 400, () -> gateway.post(APPS, eko(),
                withForm("{\"kegiatan\":\"x\",\"tanggalMulai\":\"2026-02-30\"}")));
        add("create: date field given a number", APP, 400, () -> gateway.post(APPS, eko(),
                withForm("{\"kegiatan\":\"x\",\"tanggalMulai\":20260101}")));
        add("create: boolean field given a string", APP, 400, () -> gateway.post(APPS, eko(),
                withForm("{\"kegiatan\":\"x\",\"setuju\":\"ya\"}")));
        add("create: text field given an object", APP, 400, () -> gateway.post(APPS, eko(),
                withForm("{\"kegiatan\":{\"$gt\":\"\"}}")));
        add("create: text value over 4000 characters", APP, 422, () -> gateway.post(APPS, eko(),
                withForm("{\"kegiatan\":\"" + "a".repeat(4001) + "\"}")));
        add("create: body over 256 KiB", APP, 413, () -> gateway.post(APPS, eko(),
                withForm("{\"kegiatan\":\"" + "a".repeat(300 * 1024) + "\"}")));
        add("create: JSON nested 3000 levels deep", APP, 400, () -> gateway.post(APPS, eko(),
                withForm("{\"kegiatan\":" + "[".repeat(3000) + "]".repeat(3000) + "}")));
        add("create: 201 form fields", APP, 400, () -> gateway.post(APPS, eko(), withForm(
                Stream.iterate(0, i -> i + 1).limit(201).map(i -> "\"f" + i + "\":1")
                        .collect(Collectors.joining(",", "{", "}")))));
        add("create: Content-Type text/plain", APP, 415,
                () -> http("POST", APPS, eko(), "text/plain", validApplication().getBytes(StandardCharsets.UTF_8)));
        add("create: Content-Type application/xml", APP, 415, () -> http("POST", APPS, eko(), "application/xml",
                "<application><permitTypeCode>PBG</permitTypeCode></application>".getBytes(StandardCharsets.UTF_8)));
        add("create: bytes that are not UTF-8", APP, 400, () -> http("POST", APPS, eko(), "application/json",
                concat(withForm("{\"kegiatan\":\"").getBytes(StandardCharsets.UTF_8), new byte[] { (byte) 0xC3,
                        (byte) 0x28, (byte) 0xFF }, "\"}}".getBytes(StandardCharsets.UTF_8))));
        add("create: Idempotency-Key with spaces", APP, 400,
                () -> gateway.post(APPS, eko(), validApplication(), "Idempotency-Key", "kunci dengan spasi"));
        add("create: Idempotency-Key of 129 characters", APP, 400,
                () -> gateway.post(APPS, eko(), validApplication(), "Idempotency-Key", "k".repeat(129)));
        add("create: Idempotency-Key with non-ASCII letters", APP, 400,
                () -> gateway.post(APPS, eko(), validApplication(), "Idempotency-Key", "kunci-\u00e9\u00e8"));
        add("create: Idempotency-Key with an encoded CR LF", APP, 400,
                () -> gateway.post(APPS, eko(), validApplication(), "Idempotency-Key", "a%0d%0aSet-Cookie:x=1"));
        String manado = Persona.INTEGRATION.token();
        add("create: office system without the walk-in applicant", APP, 400, () -> gateway.post(APPS, manado,
                withForm("{\"kegiatan\":\"x\"}")));
        add("create: walk-in applicant with an invalid email", APP, 400, () -> gateway.post(APPS, manado,
                validApplication().replace("yohanis@example.id", "bukan-email")));
        add("create: walk-in applicant with letters in the phone", APP, 400, () -> gateway.post(APPS, manado,
                validApplication().replace("+6281234567890", "call-me-maybe")));
        add("create: walk-in applicant with an unknown locale", APP, 400, () -> gateway.post(APPS, manado,
                validApplication().replace("\"phone\"", "\"locale\":\"xx\",\"phone\"")));
    }

    /** The bodies of the permit's life: levy assessment, the treasury's payment report, revocation. */
    private void lifecycle() {
        String budi = Persona.OFFICER.token();
        String citra = Persona.SUPERVISOR.token();
        String manado = Persona.INTEGRATION.token();
        String assess = APPS + "/" + levyUnderReview + "/assess-levy";
        add("assess-levy: negative amount", APP, 422,
                () -> gateway.post(assess, budi, "{\"amountIdr\":-1500000,\"basis\":\"x\"}"));
        add("assess-levy: zero amount", APP, 422,
                () -> gateway.post(assess, budi, "{\"amountIdr\":0,\"basis\":\"x\"}"));
        add("assess-levy: more than a trillion rupiah", APP, 422,
                () -> gateway.post(assess, budi, "{\"amountIdr\":1000000000001,\"basis\":\"x\"}"));
        add("assess-levy: amount overflowing a long", APP, 422,
                () -> gateway.post(assess, budi, "{\"amountIdr\":1e30,\"basis\":\"x\"}"));
        add("assess-levy: amount of 400 digits", APP, 422,
                () -> gateway.post(assess, budi, "{\"amountIdr\":" + "9".repeat(400) + ",\"basis\":\"x\"}"));
        add("assess-levy: fractional rupiah", APP, 422,
                () -> gateway.post(assess, budi, "{\"amountIdr\":1500.5,\"basis\":\"x\"}"));
        add("assess-levy: amount as text", APP, 400,
                () -> gateway.post(assess, budi, "{\"amountIdr\":\"banyak\",\"basis\":\"x\"}"));
        add("assess-levy: no amount", APP, 422, () -> gateway.post(assess, budi, "{\"basis\":\"x\"}"));
        add("assess-levy: basis over 2000 characters", APP, Set.of(422), () -> gateway.post(assess, budi,
                "{\"amountIdr\":1500000,\"basis\":\"" + "b".repeat(2001) + "\"}"),
                r -> assertThat(r.body()).contains("basis"));
        add("assess-levy: blank basis", APP, 422,
                () -> gateway.post(assess, budi, "{\"amountIdr\":1500000,\"basis\":\"  \"}"));
        add("assess-levy: an application not under review", APP, 409,
                () -> gateway.post(APPS + "/" + submitted + "/assess-levy", budi,
                        "{\"amountIdr\":1500000,\"basis\":\"x\"}"));

        String pay = APPS + "/" + awaitingPayment.path("id").asString() + "/payments";
        String code = awaitingPayment.path("levy").path("billingCode").asString();
        String wrongCheck = code.substring(0, code.length() - 1)
                + (char) ('0' + (code.charAt(code.length() - 1) - '0' + 1) % 10);
        String good = Fixtures.paymentJson(awaitingPayment, Fixtures.LEVY_IDR, "BSG-BAD-INPUT");
        add("payments: billing code with a wrong check digit", APP, Set.of(422), () -> gateway.post(pay, manado,
                good.replace(code, wrongCheck)), r -> assertThat(r.body()).contains("billingCode"));
        add("payments: billing code with letters", APP, 422,
                () -> gateway.post(pay, manado, good.replace(code, "26000000000A7")));
        add("payments: another bill's code", APP, Set.of(422), () -> gateway.post(pay, manado,
                good.replace(code, "2600000999990")), r -> assertThat(r.body()).contains("billing-code-mismatch"));
        add("payments: another amount", APP, Set.of(422), () -> gateway.post(pay, manado,
                Fixtures.paymentJson(awaitingPayment, Fixtures.LEVY_IDR - 1, "BSG-BAD-INPUT")),
                r -> assertThat(r.body()).contains("amount-mismatch"));
        add("payments: negative amount", APP, 422, () -> gateway.post(pay, manado,
                Fixtures.paymentJson(awaitingPayment, -Fixtures.LEVY_IDR, "BSG-BAD-INPUT")));
        add("payments: amount overflowing a long", APP, 422, () -> gateway.post(pay, manado,
                good.replace("\"amountIdr\":" + Fixtures.LEVY_IDR, "\"amountIdr\":9.9e99")));
        add("payments: no reference", APP, 422, () -> gateway.post(pay, manado,
                good.replace("\"reference\":\"BSG-BAD-INPUT\"", "\"reference\":\"\"")));
        add("payments: reference over 100 characters", APP, 422, () -> gateway.post(pay, manado,
                good.replace("BSG-BAD-INPUT", "R".repeat(101))));
        add("payments: paid in the future", APP, 422, () -> gateway.post(pay, manado,
                good.replaceFirst("\"paidAt\":\"[^\"]+\"", "\"paidAt\":\"2099-01-01T00:00:00Z\"")));
        add("payments: paidAt is not a time", APP, 400, () -> gateway.post(pay, manado,
                good.replaceFirst("\"paidAt\":\"[^\"]+\"", "\"paidAt\":\"kemarin\"")));
        add("payments: an application not awaiting payment", APP, 409,
                () -> gateway.post(APPS + "/" + submitted + "/payments", manado, good));

        String revoke = APPS + "/" + issued + "/revoke";
        add("revoke: reason over 2000 characters", APP, Set.of(422), () -> gateway.post(revoke, citra,
                "{\"reason\":\"" + "r".repeat(2001) + "\"}"), r -> assertThat(r.body()).contains("reason"));
        add("revoke: blank reason", APP, 422, () -> gateway.post(revoke, citra, "{\"reason\":\" \"}"));
        add("revoke: no reason", APP, 422, () -> gateway.post(revoke, citra, "{}"));
        add("revoke: reason is an object", APP, 400, () -> gateway.post(revoke, citra, "{\"reason\":{\"x\":1}}"));
        add("revoke: an application that is not issued", APP, 409,
                () -> gateway.post(APPS + "/" + submitted + "/revoke", citra, "{\"reason\":\"keliru\"}"));
        add("renew: an application that is not issued", APP, 409,
                () -> gateway.post(APPS + "/" + submitted + "/renew", eko(), ""));
    }

    private void edits() {
        add("edit: stale If-Match", APP, 412, () -> patch(draft, "{\"form\":{\"jumlah\":5}}",
                "\"" + (version(draft) - 1) + "\""));
        add("edit: If-Match that was never issued", APP, 412,
                () -> patch(draft, "{\"form\":{\"jumlah\":5}}", "\"abc\""));
        add("edit: weak If-Match from the future", APP, 412,
                () -> patch(draft, "{\"form\":{\"jumlah\":5}}", "W/\"999999\""));
        add("edit: no form", APP, 400, () -> patch(draft, "{}", null));
        add("edit: form null", APP, 400, () -> patch(draft, "{\"form\":null}", null));
        add("edit: malformed JSON", APP, 400, () -> patch(draft, "{\"form\":{\"jumlah\":}", null));
        add("edit: number field given text", APP, 400, () -> patch(draft, "{\"form\":{\"jumlah\":\"lima\"}}", null));
        add("edit: text over 4000 characters", APP, 422,
                () -> patch(draft, "{\"form\":{\"kegiatan\":\"" + "b".repeat(4001) + "\"}}", null));
        add("edit: MongoDB update operator as a field", APP, 400,
                () -> patch(draft, "{\"form\":{\"$set\":{\"state\":\"ISSUED\"}}}", null));
        add("edit: form-encoded body", APP, 415, () -> http("PATCH", APPS + "/" + draft, eko(),
                "application/x-www-form-urlencoded", "form=jumlah%3D5".getBytes(StandardCharsets.UTF_8)));
        add("edit: a submitted application", APP, 409, () -> patch(submitted, "{\"form\":{\"jumlah\":5}}", null));
        add("edit: an unknown application", APP, 404,
                () -> patch(UUID.randomUUID().toString(), "{\"form\":{\"jumlah\":5}}", null));
    }

    private void transitions() {
        String budi = Persona.OFFICER.token();
        String citra = Persona.SUPERVISOR.token();
        add("submit: already submitted", APP, 409, () -> gateway.post(APPS + "/" + submitted + "/submit", eko(), ""));
        add("submit: stale If-Match", APP, 412, () -> gateway.post(APPS + "/" + draft + "/submit", eko(), "",
                "If-Match", "\"" + (version(draft) + 7) + "\""));
        add("submit: PBG without its mandatory documents", APP, Set.of(422),
                () -> gateway.post(APPS + "/" + pbgDraft + "/submit", eko(), ""),
                r -> assertThat(r.json().path("missingRequirements").toString()).contains("KTP"));
        add("assign: a draft", APP, 409, () -> gateway.post(APPS + "/" + draft + "/assign", budi, "{}"));
        add("assign: assignee of 101 characters", APP, 400, () -> gateway.post(APPS + "/" + submitted + "/assign",
                citra, "{\"assignee\":\"" + "x".repeat(101) + "\"}"));
        add("assign: malformed JSON", APP, 400,
                () -> gateway.post(APPS + "/" + submitted + "/assign", budi, "{\"assignee\""));
        add("recommend: not under review", APP, 409,
                () -> gateway.post(APPS + "/" + submitted + "/recommend", budi, "{\"note\":\"ok\"}"));
        add("approve: not recommended", APP, 409,
                () -> gateway.post(APPS + "/" + submitted + "/approve", citra, "{\"note\":\"ok\"}"));
        add("reject: a draft", APP, 409,
                () -> gateway.post(APPS + "/" + draft + "/reject", citra, "{\"reason\":\"tidak lengkap\"}"));
        add("reject: without a reason", APP, 400,
                () -> gateway.post(APPS + "/" + submitted + "/reject", citra, "{}"));
        add("request-revision: reason over 4000 characters", APP, 400,
                () -> gateway.post(APPS + "/" + submitted + "/request-revision", citra,
                        "{\"reason\":\"" + "r".repeat(4001) + "\"}"));
        add("request-revision: not under review", APP, 409,
                () -> gateway.post(APPS + "/" + submitted + "/request-revision", citra, "{\"reason\":\"kurang\"}"));
        add("withdraw: reason is an object", APP, 400,
                () -> gateway.post(APPS + "/" + draft + "/withdraw", eko(), "{\"reason\":{\"x\":1}}"));
        add("unknown action on an application", APP, Set.of(404, 405),
                () -> gateway.post(APPS + "/" + draft + "/teleport", eko(), "{}"), r -> { });
        add("PUT on an application", APP, 405, () -> gateway.send("PUT", APPS + "/" + draft, eko(),
                "{\"form\":{}}"));
        add("DELETE on an application", APP, 405, () -> gateway.send("DELETE", APPS + "/" + draft, eko(), null));
        add("application id with illegal characters", NONE, 400, () -> gateway.get(APPS + "/a*b", eko()));
        add("application id of 65 characters", NONE, 400, () -> gateway.get(APPS + "/" + "a".repeat(65), eko()));
        add("an unknown application", NONE, 404, () -> gateway.get(APPS + "/" + UUID.randomUUID(), eko()));
        add("history of an unknown application", NONE, 404,
                () -> gateway.get(APPS + "/" + UUID.randomUUID() + "/history", eko()));
    }

    private void searchesAndPaging() {
        String budi = Persona.OFFICER.token();
        add("search: unknown state", NONE, 400, () -> gateway.get(APPS + "?state=FLYING", budi));
        add("search: state in lower case", NONE, 400, () -> gateway.get(APPS + "?state=submitted", budi));
        add("search: overdue is not a boolean", NONE, 400, () -> gateway.get(APPS + "?overdue=maybe", budi));
        add("search: page size over 100", NONE, 400, () -> gateway.get(APPS + "?size=101", budi));
        add("search: page size not a number", NONE, 400, () -> gateway.get(APPS + "?size=abc", budi));
        add("search: page size zero", NONE, 400, () -> gateway.get(APPS + "?size=0", budi));
        add("search: negative page", NONE, 400, () -> gateway.get(APPS + "?page=-1", budi));
        add("search: page beyond any integer", NONE, 400, () -> gateway.get(APPS + "?page=99999999999", budi));
        add("search: sort by a field that is not sortable", NONE, 400,
                () -> gateway.get(APPS + "?sort=applicant.email", budi));
        add("search: sort direction nonsense", NONE, 400, () -> gateway.get(APPS + "?sort=createdAt,sideways", budi));
        add("search: sort by a MongoDB operator", NONE, 400, () -> gateway.get(APPS + "?sort=%24where", budi));
        add("search: q over 100 characters", NONE, 400, () -> gateway.get(APPS + "?q=" + "q".repeat(101), budi));
        add("search: permitType in lower case", NONE, 400, () -> gateway.get(APPS + "?permitType=pbg", budi));
        add("search: a 6 KB query parameter", NONE, Set.of(400, 414),
                () -> gateway.get(APPS + "?q=" + "q".repeat(6 * 1024), budi), r -> { });
        add("search: a 40 KB query parameter", NONE, Set.of(400, 414),
                () -> gateway.get(APPS + "?q=" + "q".repeat(40 * 1024), budi), r -> { });
    }

    private void notifications() {
        Set<Area> inbox = EnumSet.of(Area.NOTIFICATIONS);
        add("inbox: unread is not a boolean", inbox, 400, () -> gateway.get("/api/notifications?unread=perhaps", eko()));
        add("inbox: negative page size", inbox, 400, () -> gateway.get("/api/notifications?size=-5", eko()));
        add("inbox: page size not a number", inbox, 400, () -> gateway.get("/api/notifications?size=lots", eko()));
        add("inbox: page size over 2000", inbox, 400, () -> gateway.get("/api/notifications?size=5000", eko()));
        add("inbox: sort by a MongoDB operator", inbox, 400,
                () -> gateway.get("/api/notifications?sort=%24where,desc", eko()));
        add("inbox: sort by an unknown field", inbox, 400,
                () -> gateway.get("/api/notifications?sort=recipient", eko()));
        add("read: an unknown notification", inbox, 404,
                () -> gateway.post("/api/notifications/" + UUID.randomUUID() + "/read", eko(), ""));
        add("read: a notification id with quotes", inbox, 404,
                () -> gateway.post("/api/notifications/%27%22%7B%7D/read", eko(), ""));
        add("stream: Last-Event-ID is not a number", inbox, 400, () -> http("GET", "/api/notifications/stream",
                eko(), null, null, "Accept", "text/event-stream", "Last-Event-ID", "abc"));
    }

    private void webhooks() {
        Set<Area> hooks = EnumSet.of(Area.WEBHOOKS);
        String manado = Persona.INTEGRATION.token();
        String quiet = "\"" + Fixtures.QUIET_EVENT + "\"";
        add("webhook: ftp URL", hooks, 400, () -> gateway.post("/api/webhooks", manado,
                "{\"url\":\"ftp://127.0.0.1/hook\",\"eventTypes\":[" + quiet + "]}"));
        add("webhook: javascript URL", hooks, 400, () -> gateway.post("/api/webhooks", manado,
                "{\"url\":\"javascript:alert(1)\",\"eventTypes\":[" + quiet + "]}"));
        add("webhook: URL without a host", hooks, 400, () -> gateway.post("/api/webhooks", manado,
                "{\"url\":\"http://\",\"eventTypes\":[" + quiet + "]}"));
        add("webhook: URL with CR LF inside", hooks, 400, () -> gateway.post("/api/webhooks", manado,
                "{\"url\":\"http://127.0.0.1:9/x\\r\\nHost: evil.example\",\"eventTypes\":[" + quiet + "]}"));
        add("webhook: URL over 2048 characters", hooks, 400, () -> gateway.post("/api/webhooks", manado,
                "{\"url\":\"http://127.0.0.1:9/" + "p".repeat(2100) + "\",\"eventTypes\":[" + quiet + "]}"));
        add("webhook: unknown event type", hooks, 422, () -> gateway.post("/api/webhooks", manado,
                "{\"url\":\"http://127.0.0.1:9/x\",\"eventTypes\":[\"satupintu.application.teleported.v1\"]}"));
        add("webhook: no event types", hooks, 400, () -> gateway.post("/api/webhooks", manado,
                "{\"url\":\"http://127.0.0.1:9/x\",\"eventTypes\":[]}"));
        add("webhook: 21 event types", hooks, 400, () -> gateway.post("/api/webhooks", manado,
                "{\"url\":\"http://127.0.0.1:9/x\",\"eventTypes\":[" + String.join(",",
                        java.util.Collections.nCopies(21, quiet)) + "]}"));
        add("webhook: eventTypes is not a list", hooks, 400, () -> gateway.post("/api/webhooks", manado,
                "{\"url\":\"http://127.0.0.1:9/x\",\"eventTypes\":" + quiet + "}"));
        add("webhook: for another office", hooks, 403, () -> gateway.post("/api/webhooks", manado,
                Fixtures.webhookJson("SULUT-BITUNG")));
        add("webhook: malformed JSON", hooks, 400, () -> gateway.post("/api/webhooks", manado, "{\"url\":"));
        add("webhook: delete an unknown one", hooks, 404,
                () -> gateway.send("DELETE", "/api/webhooks/" + UUID.randomUUID(), manado, null));
        add("webhook: deliveries of an unknown one", hooks, 404,
                () -> gateway.get("/api/webhooks/" + UUID.randomUUID() + "/deliveries", manado));
        add("webhook: deliveries with a page size that is not a number", hooks, 400,
                () -> gateway.get("/api/webhooks/" + webhook + "/deliveries?size=x", manado));
        add("webhook: list with a negative page", hooks, 400, () -> gateway.get("/api/webhooks?page=-3", manado));
    }

    private void documents() {
        String budi = Persona.OFFICER.token();
        byte[] pdf = Fixtures.PDF;
        add("upload: empty file", DOCS, 400, () -> upload(draft, "kosong.pdf", new byte[0]));
        add("upload: Windows executable named .pdf", DOCS, 415, () -> upload(draft, "surat.pdf",
                concat("MZ".getBytes(StandardCharsets.US_ASCII), new byte[] { (byte) 0x90, 0, 3, 0, 0, 0, 4, 0 },
                        "This program cannot be run in DOS mode.".getBytes(StandardCharsets.US_ASCII))));
        add("upload: ELF executable named .pdf", DOCS, 415, () -> upload(draft, "surat.pdf",
                concat(new byte[] { 0x7f, 'E', 'L', 'F', 2, 1, 1, 0 }, new byte[120])));
        add("upload: shell script named .pdf", DOCS, 415, () -> upload(draft, "surat.pdf",
                "#!/bin/sh\nrm -rf --no-preserve-root /\n".getBytes(StandardCharsets.US_ASCII)));
        add("upload: HTML page sent as image/png", DOCS, 415, () -> gateway.upload("/api/documents", eko(),
                Map.of("applicationId", draft, "requirementCode", Fixtures.REQUIREMENT), "foto.png", "image/png",
                "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.US_ASCII)));
        add("upload: ZIP archive named .pdf", DOCS, 415, () -> upload(draft, "surat.pdf",
                concat(new byte[] { 'P', 'K', 3, 4, 20, 0, 0, 0 }, new byte[64])));
        add("upload: one byte over the requirement's limit", DOCS, 413, () -> upload(draft, "besar.pdf",
                concat(pdf, new byte[(int) Fixtures.REQUIREMENT_MAX_BYTES - pdf.length + 1])));
        add("upload: to a submitted application", DOCS, 409, () -> upload(submitted, "lampiran.pdf", pdf));
        add("upload: unknown requirement code", DOCS, 422, () -> gateway.upload("/api/documents", eko(),
                Map.of("applicationId", draft, "requirementCode", "SURAT_SAKTI"), "a.pdf", "application/pdf", pdf));
        add("upload: requirement code in lower case", DOCS, 400, () -> gateway.upload("/api/documents", eko(),
                Map.of("applicationId", draft, "requirementCode", "lampiran"), "a.pdf", "application/pdf", pdf));
        add("upload: no file part", DOCS, 400, () -> multipart(eko(), "--B\r\nContent-Disposition: form-data; "
                + "name=\"applicationId\"\r\n\r\n" + draft + "\r\n--B\r\nContent-Disposition: form-data; "
                + "name=\"requirementCode\"\r\n\r\nLAMPIRAN\r\n--B--\r\n", "B"));
        add("upload: no applicationId", DOCS, 400, () -> gateway.upload("/api/documents", eko(),
                Map.of("requirementCode", Fixtures.REQUIREMENT), "a.pdf", "application/pdf", pdf));
        add("upload: unknown applicationId", DOCS, 404, () -> upload(UUID.randomUUID().toString(), "a.pdf", pdf));
        add("upload: applicationId with traversal", DOCS, 400, () -> upload("../../etc/passwd", "a.pdf", pdf));
        add("upload: multipart without the closing boundary", DOCS, 400, () -> multipart(eko(),
                "--B\r\nContent-Disposition: form-data; name=\"applicationId\"\r\n\r\n" + draft
                        + "\r\n--B\r\nContent-Disposition: form-data; name=\"requirementCode\"\r\n\r\nLAMPIRAN"
                        + "\r\n--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n"
                        + "Content-Type: application/pdf\r\n\r\n%PDF-1.4 truncated", "B"));
        add("upload: multipart content type without a boundary", DOCS, 400, () -> http("POST", "/api/documents",
                eko(), "multipart/form-data", "--B\r\n\r\n--B--\r\n".getBytes(StandardCharsets.US_ASCII)));
        add("upload: JSON instead of multipart", DOCS, 415, () -> gateway.post("/api/documents", eko(),
                "{\"applicationId\":\"" + draft + "\",\"requirementCode\":\"LAMPIRAN\",\"file\":\"JVBERi0=\"}"));
        add("upload: eleven form parts", DOCS, 400, () -> multipart(eko(), Stream.iterate(0, i -> i + 1).limit(11)
                .map(i -> "--B\r\nContent-Disposition: form-data; name=\"x" + i + "\"\r\n\r\nv\r\n")
                .collect(Collectors.joining()) + "--B--\r\n", "B"));
        add("upload: form field of 1000 characters", DOCS, 400, () -> gateway.upload("/api/documents", eko(),
                Map.of("applicationId", "a".repeat(1000), "requirementCode", Fixtures.REQUIREMENT), "a.pdf",
                "application/pdf", pdf));
        add("upload: Content-Length beyond the upload limit", DOCS, 413, () -> raw.send("POST /api/documents "
                + "HTTP/1.1\r\nAuthorization: Bearer " + eko() + "\r\nContent-Type: multipart/form-data; boundary=B"
                + "\r\nContent-Length: 500000000", "--B\r\n".getBytes(StandardCharsets.US_ASCII)));
        add("upload: Idempotency-Key of 201 characters", DOCS, 400, () -> http("POST", "/api/documents", eko(),
                "multipart/form-data; boundary=B", ("--B\r\nContent-Disposition: form-data; name=\"applicationId\""
                        + "\r\n\r\n" + draft + "\r\n--B--\r\n").getBytes(StandardCharsets.US_ASCII),
                "Idempotency-Key", "i".repeat(201)));
        add("documents: list without applicationId", NONE, 400, () -> gateway.get("/api/documents", eko()));
        add("documents: an unknown document", NONE, 404,
                () -> gateway.get("/api/documents/" + UUID.randomUUID(), eko()));
        add("documents: content range past the end", NONE, 416, () -> gateway.get("/api/documents/"
                + draftDocument + "/content", eko(), "Range", "bytes=999999-"));
        add("documents: delete the document of a submitted application", DOCS, 409,
                () -> gateway.send("DELETE", "/api/documents/" + submittedDocument, eko(), null));
        add("documents: delete an unknown document", DOCS, 404,
                () -> gateway.send("DELETE", "/api/documents/" + UUID.randomUUID(), eko(), null));
        add("documents: the office officer deletes an applicant's document", DOCS, 403,
                () -> gateway.send("DELETE", "/api/documents/" + draftDocument, budi, null));
    }

    private void catalog() {
        Set<Area> cat = EnumSet.of(Area.CATALOG);
        String adi = Persona.ADMIN.token();
        String good = Fixtures.permitTypeJson("UJI_RUSAK");
        add("permit type: no name", cat, 400, () -> gateway.post("/api/permit-types", adi,
                good.replace("\"name\":{\"id\":\"Izin uji akses\",\"en\":\"Access test permit\"},", "")));
        add("permit type: SLA of 0 working days", cat, 400, () -> gateway.post("/api/permit-types", adi,
                good.replace("\"slaWorkingDays\":10", "\"slaWorkingDays\":0")));
        add("permit type: negative fee", cat, 400, () -> gateway.post("/api/permit-types", adi,
                good.replace("\"feeIdr\":0", "\"feeIdr\":-1000")));
        add("permit type: fee too big for a long", cat, 400, () -> gateway.post("/api/permit-types", adi,
                good.replace("\"feeIdr\":0", "\"feeIdr\":99999999999999999999999")));
        add("permit type: requirement over 100 MB", cat, 400, () -> gateway.post("/api/permit-types", adi,
                good.replace("\"maxSizeBytes\":" + Fixtures.REQUIREMENT_MAX_BYTES, "\"maxSizeBytes\":999999999999")));
        add("permit type: duplicate form field keys", cat, 422, () -> gateway.post("/api/permit-types", adi,
                good.replace("\"key\":\"jumlah\"", "\"key\":\"kegiatan\"")));
        add("permit type: unknown SLA policy", cat, 400, () -> gateway.post("/api/permit-types", adi,
                good.replace("\"active\":true", "\"active\":true,\"slaPolicy\":\"SOMETIMES\"")));
        add("permit type: unknown form field type", cat, 400, () -> gateway.post("/api/permit-types", adi,
                good.replace("\"type\":\"boolean\"", "\"type\":\"colour\"")));
        add("permit type: content type pattern broken", cat, 400, () -> gateway.post("/api/permit-types", adi,
                good.replace("\"image/png\"", "\"image/png; drop table\"")));
        add("permit type: code already taken", cat, 409, () -> gateway.post("/api/permit-types", adi,
                Fixtures.permitTypeJson("PBG")));
        add("permit type: code in lower case", cat, 400, () -> gateway.post("/api/permit-types", adi,
                Fixtures.permitTypeJson("uji_kecil")));
        add("permit type: replace with a different code in the body", cat, 400, () -> gateway.send("PUT",
                "/api/permit-types/" + Fixtures.TYPE, adi, Fixtures.permitTypeJson("PBG")));
        add("permit type: replace with a stale If-Match", cat, 412, () -> gateway.send("PUT",
                "/api/permit-types/" + Fixtures.TYPE, adi, Fixtures.permitTypeJson(Fixtures.TYPE), "If-Match",
                "\"987654\""));
        add("permit type: replace an unknown one", cat, 404, () -> gateway.send("PUT",
                "/api/permit-types/TIDAK_ADA", adi, Fixtures.permitTypeJson("TIDAK_ADA")));
        add("permit type: an unknown one", NONE, 404, () -> gateway.get("/api/permit-types/TIDAK_ADA", eko()));
        add("permit types: includeInactive is not a boolean", NONE, 400,
                () -> gateway.get("/api/permit-types?includeInactive=kadang", eko()));
    }

    private void paths() {
        String token = eko();
        String olga = Persona.OPS.token();
        add("path: dot-dot segments", NONE, 400, () -> raw.get(APPS + "/../permit-types", token));
        add("path: encoded dot-dot", NONE, 400, () -> raw.get(APPS + "/%2e%2e/permit-types", token));
        add("path: encoded slashes to /etc/passwd", NONE, 400,
                () -> raw.get("/api/documents/..%2f..%2f..%2fetc%2fpasswd", token));
        add("path: encoded NUL", NONE, 400, () -> raw.get("/api/documents/abc%00.pdf", token));
        add("path: backslashes", NONE, 400, () -> raw.get(APPS + "/..\\..\\windows\\win.ini", token));
        add("path: double slash", NONE, 400, () -> raw.get("//api/applications", token));
        add("path: matrix parameter", NONE, 400, () -> raw.get(APPS + ";jsessionid=1", token));
        add("path: double-encoded dot-dot", NONE, 400, () -> raw.get(APPS + "/%252e%252e", token));
        add("path: malformed percent escape", NONE, 400, () -> raw.get(APPS + "/%zz", token));
        add("path: overlong UTF-8 dot", NONE, 400, () -> raw.get(APPS + "/%c0%ae%c0%ae/permit-types", token));
        add("path: control character", NONE, 400, () -> raw.get(APPS + "/a%01b", token));
        add("path: traversal in the public permit lookup", NONE, 400,
                () -> raw.get("/api/public/permits/..%2F..%2Fapi%2Fapplications", null));
        add("path: an unknown API path", NONE, 404, () -> gateway.get("/api/tidak-ada", token));
        add("public permit: an unknown number", NONE, 404,
                () -> gateway.get("/api/public/permits/PBG-SULUT-MANADO-2026-999998", null));
        add("public permit: a number of 3000 characters", NONE, Set.of(400, 404),
                () -> gateway.get("/api/public/permits/" + "P".repeat(3000), null), r -> { });
        add("public permit: a script as the number", NONE, Set.of(400, 404),
                () -> gateway.get("/api/public/permits/%3Cscript%3Ealert(1)%3C%2Fscript%3E", null), r -> { });
        add("ops: replay an unknown topic", NONE, 404,
                () -> gateway.post("/api/ops/dead-letters/satupintu.secret.events/replay", olga, ""));
        add("ops: replay a topic named by traversal", NONE, 400,
                () -> raw.send("POST /api/ops/dead-letters/..%2F..%2Factuator/replay HTTP/1.1\r\nAuthorization: "
                        + "Bearer " + olga + "\r\nContent-Length: 0", new byte[0]));
        add("accept text/html on an unknown application", NONE, 404, () -> gateway.get(APPS + "/"
                + UUID.randomUUID(), token, "Accept", "text/html"));
        add("accept application/xml on an application", NONE, 406, () -> gateway.get(APPS + "/" + draft, token,
                "Accept", "application/xml"));
        add("TRACE on an application", NONE, Set.of(400, 405),
                () -> raw.send("TRACE " + APPS + "/" + draft + " HTTP/1.1\r\nAuthorization: Bearer " + token,
                        new byte[0]), r -> { });
    }

    private void headers() {
        String body = validApplication();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String post = "POST " + APPS + " HTTP/1.1\r\nAuthorization: Bearer ";
        String json = "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length;
        add("header: X-Request-Id with a bare CR", APP, 400,
                () -> raw.send(post + eko() + json + "\r\nX-Request-Id: abc\rSet-Cookie: x=1", bytes));
        add("header: Idempotency-Key with a NUL byte", APP, 400,
                () -> raw.send(post + eko() + json + "\r\nIdempotency-Key: abc\u0000def", bytes));
        add("header: obs-fold continuation line", APP, 400,
                () -> raw.send(post + eko() + json + "\r\nIdempotency-Key: abc\r\n folded", bytes));
        add("header: name with a space", APP, 400,
                () -> raw.send(post + eko() + json + "\r\nIdempotency Key: abc", bytes));
        add("header: a 20 KB header", APP, Set.of(400, 431),
                () -> raw.send(post + eko() + json + "\r\nX-Padding: " + "p".repeat(20 * 1024), bytes), r -> { });
        add("header: X-Request-Id with encoded CR LF is not echoed", APP, Set.of(400),
                () -> gateway.post(APPS, eko(), "{", "X-Request-Id", "id%0d%0aSet-Cookie:x=1"),
                r -> assertThat(r.header("X-Request-Id")).doesNotContain("%0d").doesNotContain("Set-Cookie"));
        add("header: Content-Length that disagrees with the body", APP, 400,
                () -> raw.send(post + eko() + "\r\nContent-Type: application/json\r\nContent-Length: 9",
                        bytes));
        add("header: both Content-Length and chunked", APP, 400,
                () -> raw.send(post + eko() + json + "\r\nTransfer-Encoding: chunked", bytes));
    }

    private void tokens() {
        String real = Persona.OTHER_APPLICANT.token();
        String body = validApplication();
        add("token: empty bearer", APP, 401, () -> http("POST", APPS, null, "application/json",
                body.getBytes(StandardCharsets.UTF_8), "Authorization", "Bearer "));
        add("token: basic credentials", APP, 401, () -> http("POST", APPS, null, "application/json",
                body.getBytes(StandardCharsets.UTF_8), "Authorization", "Basic ZWtvOmVrbw=="));
        add("token: not a JWT", APP, 401, () -> gateway.post(APPS, "bukan.sebuah.token", body));
        add("token: alg none", APP, 401, () -> gateway.post(APPS, ForgedTokens.algNone(real), body));
        add("token: payload changed to admin", APP, 401, () -> gateway.post(APPS, ForgedTokens.escalated(real), body));
        add("token: signature removed", APP, 401,
                () -> gateway.post(APPS, real.substring(0, real.lastIndexOf('.') + 1), body));
        add("token: HS256 signed with the realm's public key", APP, 401, () -> gateway.post(APPS,
                ForgedTokens.hmacWithPublicKey(real, forged.realmPublicKey()), body));
        add("token: expired an hour ago, signed by a realm key", APP, Set.of(401), () -> {
            ApiClient.Response control = gateway.get("/api/permit-types", forged.validControl(real));
            assertThat(control.status()).as("the same claims signed by the same key, unexpired, are accepted: "
                    + control.body()).isEqualTo(200);
            return gateway.post(APPS, forged.expired(real), body);
        }, r -> { });
        add("token: not valid before an hour from now", APP, 401, () -> gateway.post(APPS, forged.notYetValid(real),
                body));
        add("token: another issuer, signed by a realm key", APP, 401,
                () -> gateway.post(APPS, forged.otherIssuer(real), body));
        add("token: another audience, signed by a realm key", APP, 401,
                () -> gateway.post(APPS, forged.otherAudience(real), body));
        add("token: Keycloak token of a client without the API audience", APP, 401,
                () -> gateway.post(APPS, forged.adminCliToken("eko"), body));
        add("token: Keycloak token of the master realm", APP, 401,
                () -> gateway.post(APPS, forged.masterRealmToken(), body));
        add("token: in the query string", APP, 401,
                () -> http("POST", APPS + "?access_token=" + real, null, "application/json",
                        body.getBytes(StandardCharsets.UTF_8)));
        add("token: 6 KB of junk", APP, 401, () -> gateway.post(APPS, "x".repeat(6 * 1024), body));
        add("token: expired token on a document download", NONE, 401,
                () -> gateway.get("/api/documents/" + draftDocument + "/content", forged.expired(real)));
        add("token: forged token on the notification stream", NONE, 401,
                () -> http("GET", "/api/notifications/stream", ForgedTokens.escalated(real), null, null, "Accept",
                        "text/event-stream"));
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private long version(String id) {
        return gateway.get(APPS + "/" + id, Persona.SUPERVISOR.token()).json().path("version").asLong();
    }

    private ApiClient.Response patch(String id, String json, String ifMatch) {
        return ifMatch == null ? gateway.send("PATCH", APPS + "/" + id, eko(), json)
                : gateway.send("PATCH", APPS + "/" + id, eko(), json, "If-Match", ifMatch);
    }

    private ApiClient.Response upload(String applicationId, String filename, byte[] content) {
        return gateway.upload("/api/documents", eko(), Map.of("applicationId", applicationId, "requirementCode",
                Fixtures.REQUIREMENT), filename, "application/pdf", content);
    }

    private ApiClient.Response multipart(String token, String body, String boundary) {
        return http("POST", "/api/documents", token, "multipart/form-data; boundary=" + boundary,
                body.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Any method, content type and body bytes; returns on the first answer (even of an event stream). */
    private static ApiClient.Response http(String method, String path, String token, String contentType,
            byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(RunningPlatform.get().gatewayUrl() + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<java.io.InputStream> response = HTTP.send(request.build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (java.io.InputStream in = response.body()) {
                String text = response.statusCode() == 200 && response.headers().firstValue("Content-Type")
                        .orElse("").startsWith("text/event-stream") ? ""
                                : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return new ApiClient.Response(response.statusCode(), response.headers().map(), text);
            }
        }
        catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e.getMessage(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Arrays.stream(parts).forEach(out::writeBytes);
        return out.toByteArray();
    }
}
