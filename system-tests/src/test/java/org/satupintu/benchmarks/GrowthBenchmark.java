package org.satupintu.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.HdrHistogram.Histogram;
import org.bson.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Read latency as the store grows: seeds applications and notifications straight into the running platform's
 * store (bulk inserts through the driver: copies of one application created and submitted through the API, spread
 * over 15 offices, 5,000 applicants and a year), asks the services to rebuild their read models (by deleting them;
 * each service rebuilds within its repair interval, 30 s, from its collection), then measures, one request at a
 * time through the gateway: ani's own list, budi's office queue (by due date, as the desk asks), the statistics
 * and budi's inbox. Several runs per level; p50 and p99 of each run.
 *
 * <p>Arguments: gateway URL, token endpoint, MongoDB URI of the platform's store, levels (e.g.
 * {@code 1000,10000,100000}), runs per level, measured requests per endpoint and run.
 */
public final class GrowthBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final int OFFICES = 15;
    private static final int APPLICANTS = 5000;
    /** ani's own list has this many applications at every level: its cost should not depend on everyone else's. */
    private static final int ANI_APPLICATIONS = 20;
    private static final String APPLICATIONS_DB = "satupintu-applications";
    private static final String NOTIFICATIONS_DB = "satupintu-notifications";
    /** Spring Data stores the nested applicant's {@code id} property as {@code _id}. */
    private static final String APPLICANT_ID = "_id";

    private GrowthBenchmark() {
    }

    record Endpoint(String name, String user, String path) {
    }

    public static void main(String[] args) throws Exception {
        String gateway = args[0];
        String tokenEndpoint = args[1];
        String mongoUri = args[2];
        List<Integer> levels = java.util.Arrays.stream(args[3].split(",")).map(Integer::parseInt).toList();
        int runs = Integer.parseInt(args[4]);
        int samples = Integer.parseInt(args[5]);
        int warmup = Math.max(5, samples / 10);

        CreateSubmitBenchmark.ensurePermitType(gateway, CreateSubmitBenchmark.token(tokenEndpoint, "adi"));
        String ani = CreateSubmitBenchmark.token(tokenEndpoint, "ani");
        String budi = CreateSubmitBenchmark.token(tokenEndpoint, "budi");
        String aniId = claim(ani, "sub");
        String budiId = claim(budi, "sub");
        String budiOffice = claim(budi, "office");
        String templateId = createSubmitted(gateway, ani);

        List<Endpoint> endpoints = List.of(
                new Endpoint("ani-list", "ani", "/api/applications?sort=createdAt,desc&size=50"),
                new Endpoint("office-queue", "budi", "/api/applications?sort=dueAt,asc&size=100"),
                // The same queue a page of 20: what the page's 100 whole applications cost, against finding them.
                new Endpoint("office-queue-20", "budi", "/api/applications?sort=dueAt,asc&size=20"),
                new Endpoint("stats", "budi", "/api/applications/stats"),
                new Endpoint("inbox", "budi", "/api/notifications?sort=createdAt,desc&size=50"));

        try (MongoClient client = MongoClients.create(mongoUri)) {
            MongoDatabase apps = client.getDatabase(APPLICATIONS_DB);
            MongoDatabase notes = client.getDatabase(NOTIFICATIONS_DB);
            Document template = apps.getCollection("applications").find(Filters.eq("_id", templateId)).first();
            if (template == null) {
                throw new IllegalStateException("template application " + templateId + " not found in " + mongoUri);
            }
            List<String> offices = new ArrayList<>();
            offices.add(budiOffice);
            for (int i = 1; offices.size() < OFFICES; i++) {
                offices.add("SULUT-GROWTH-" + i);
            }
            Seeder seeder = new Seeder(template, offices, aniId, budiId, apps.getCollection("applications"),
                    notes.getCollection("notifications"), notes.getCollection("counters"));
            for (int level : levels) {
                long seedStart = System.nanoTime();
                seeder.seedTo(level);
                long seeded = System.nanoTime() - seedStart;
                long rebuildStart = System.nanoTime();
                rebuildReadModels(apps, notes);
                long rebuilt = System.nanoTime() - rebuildStart;
                long stored = apps.getCollection("applications").countDocuments();
                long notifications = notes.getCollection("notifications").countDocuments();
                System.out.printf("level %d: %d applications and %d notifications stored (seeding %.1f s, read models"
                        + " rebuilt in %.1f s)%n", level, stored, notifications, seeded / 1e9, rebuilt / 1e9);
                checkAnswers(gateway, tokenEndpoint, apps, aniId, budiOffice);
                for (Endpoint endpoint : endpoints) {
                    List<double[]> perRun = new ArrayList<>();
                    long errors = 0;
                    for (int run = 0; run < runs; run++) {
                        String token = CreateSubmitBenchmark.token(tokenEndpoint, endpoint.user());
                        Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(2), 3);
                        for (int i = 0; i < warmup + samples; i++) {
                            long start = System.nanoTime();
                            HttpResponse<String> response = get(gateway + endpoint.path(), token);
                            long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
                            if (response.statusCode() != 200) {
                                errors++;
                            }
                            else if (i >= warmup) {
                                latency.recordValue(micros);
                            }
                        }
                        perRun.add(new double[] { ms(latency, 50), ms(latency, 99) });
                    }
                    double[] p50 = perRun.stream().mapToDouble(r -> r[0]).sorted().toArray();
                    double[] p99 = perRun.stream().mapToDouble(r -> r[1]).sorted().toArray();
                    System.out.printf("RESULT level=%d applications=%d notifications=%d endpoint=%s runs=%d samples=%d"
                            + " p50_ms=%.1f p50_min=%.1f p50_max=%.1f p99_ms=%.1f p99_min=%.1f p99_max=%.1f"
                            + " errors=%d%n", level, stored, notifications, endpoint.name(), runs, samples,
                            p50[p50.length / 2], p50[0], p50[p50.length - 1], p99[p99.length / 2], p99[0],
                            p99[p99.length - 1], errors);
                }
            }
        }
    }

    /** The answers are right, not just fast: ani's total and budi's office total match the store. */
    static void checkAnswers(String gateway, String tokenEndpoint, MongoDatabase apps, String aniId, String office)
            throws Exception {
        long aniStored = apps.getCollection("applications").countDocuments(Filters.eq("applicant." + APPLICANT_ID,
                aniId));
        JsonNode list = JSON.readTree(get(gateway + "/api/applications?size=1",
                CreateSubmitBenchmark.token(tokenEndpoint, "ani")).body());
        long officeStored = apps.getCollection("applications").countDocuments(Filters.eq("officeCode", office));
        JsonNode stats = JSON.readTree(get(gateway + "/api/applications/stats",
                CreateSubmitBenchmark.token(tokenEndpoint, "budi")).body());
        long officeCounted = 0;
        for (JsonNode n : stats.path("byState")) {
            officeCounted += n.asLong();
        }
        if (list.path("page").path("totalElements").asLong() != aniStored || officeCounted != officeStored) {
            throw new IllegalStateException("wrong answers: ani " + list.path("page") + " vs " + aniStored
                    + " stored; office " + officeCounted + " vs " + officeStored + " stored");
        }
    }

    /**
     * Deletes both read models (the services notice within their repair interval and rebuild from their
     * collections) and waits until both are built again.
     */
    static void rebuildReadModels(MongoDatabase apps, MongoDatabase notes) throws InterruptedException {
        List<MongoCollection<Document>> views = List.of(apps.getCollection("application_views"),
                notes.getCollection("notification_views"));
        for (MongoCollection<Document> view : views) {
            view.drop();
        }
        Instant deadline = Instant.now().plus(Duration.ofMinutes(15));
        for (MongoCollection<Document> view : views) {
            while (view.find(Filters.eq("_id", "meta")).first() == null) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("read model " + view.getNamespace() + " not rebuilt in time");
                }
                Thread.sleep(1000);
            }
        }
    }

    /** Copies of the template, appended until the store holds {@code level} seeded applications. */
    static final class Seeder {
        private final Document template;
        private final List<String> offices;
        private final String aniId;
        private final String budiId;
        private final MongoCollection<Document> applications;
        private final MongoCollection<Document> notifications;
        private final MongoCollection<Document> counters;
        private final Random random = new Random(16);
        private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        private int seeded;
        private int aniSeeded;

        Seeder(Document template, List<String> offices, String aniId, String budiId,
                MongoCollection<Document> applications, MongoCollection<Document> notifications,
                MongoCollection<Document> counters) {
            this.template = template;
            this.offices = offices;
            this.aniId = aniId;
            this.budiId = budiId;
            this.applications = applications;
            this.notifications = notifications;
            this.counters = counters;
        }

        void seedTo(int level) {
            int count = level - seeded;
            if (count <= 0) {
                return;
            }
            // Sequence numbers for the notifications, above everything handed out so far.
            Document counter = counters.findOneAndUpdate(Filters.eq("_id", "notification-seq"),
                    Updates.inc("seq", (long) count), new FindOneAndUpdateOptions().upsert(true)
                            .returnDocument(ReturnDocument.AFTER));
            long seq = ((Number) counter.get("seq")).longValue() - count;
            List<Document> appBatch = new ArrayList<>();
            List<Document> noteBatch = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = seeded + i;
                boolean forAni = aniSeeded < ANI_APPLICATIONS && n % Math.max(1, level / ANI_APPLICATIONS) == 0;
                Document app = application(n, forAni);
                if (forAni) {
                    aniSeeded++;
                }
                appBatch.add(app);
                noteBatch.add(notification(app, n, ++seq));
                if (appBatch.size() == 1000) {
                    flush(appBatch, noteBatch);
                }
            }
            flush(appBatch, noteBatch);
            seeded = level;
        }

        private void flush(List<Document> appBatch, List<Document> noteBatch) {
            if (!appBatch.isEmpty()) {
                applications.insertMany(appBatch, new InsertManyOptions().ordered(false));
                notifications.insertMany(noteBatch, new InsertManyOptions().ordered(false));
                appBatch.clear();
                noteBatch.clear();
            }
        }

        private Document application(int n, boolean forAni) {
            Document app = Document.parse(template.toJson());
            String id = UUID.nameUUIDFromBytes(("growth-" + n).getBytes(StandardCharsets.UTF_8)).toString();
            String office = offices.get(n % offices.size());
            String applicantId = forAni ? aniId : "growth-applicant-" + (n % APPLICANTS);
            Instant created = now.minus(Duration.ofMinutes(1 + random.nextInt(365 * 24 * 60)));
            Instant submitted = created.plus(Duration.ofHours(1));
            Instant due = submitted.plus(Duration.ofDays(7));
            int roll = random.nextInt(100);
            String state = roll < 90 ? "SUBMITTED" : roll < 94 ? "UNDER_REVIEW" : roll < 97 ? "ISSUED"
                    : roll < 99 ? "REJECTED" : "DRAFT";
            app.put("_id", id);
            app.put("officeCode", office);
            Document applicant = app.get("applicant", Document.class);
            applicant.put(APPLICANT_ID, applicantId);
            applicant.put("name", forAni ? applicant.getString("name") : "Warga " + (n % APPLICANTS));
            app.put("state", state);
            app.put("createdAt", Date.from(created));
            app.put("updatedAt", Date.from(submitted));
            app.put("version", 1L);
            app.put("outbox", List.of());
            app.remove("outboxLease");
            app.remove("assignee");
            app.remove("permitNumber");
            app.remove("decidedAt");
            app.remove("slaBreachedAt");
            List<Document> history = new ArrayList<>();
            history.add(historyEntry(created, "create", null, "DRAFT"));
            if (state.equals("DRAFT")) {
                app.remove("registrationNumber");
                app.remove("submittedAt");
                app.remove("dueAt");
            }
            else {
                app.put("registrationNumber", "REG-" + office + "-G" + n);
                app.put("submittedAt", Date.from(submitted));
                app.put("dueAt", Date.from(due));
                history.add(historyEntry(submitted, "submit", "DRAFT", "SUBMITTED"));
                if (due.isBefore(now) && !List.of("ISSUED", "REJECTED").contains(state)) {
                    // overdue and already marked so (the SLA watch would otherwise do it now, writing)
                    app.put("slaBreachedAt", Date.from(due.plusSeconds(60)));
                }
                if (state.equals("UNDER_REVIEW")) {
                    app.put("assignee", "budi");
                }
                if (state.equals("ISSUED") || state.equals("REJECTED")) {
                    Instant decided = submitted.plus(Duration.ofHours(1 + random.nextInt(24 * 10)));
                    app.put("decidedAt", Date.from(decided));
                    history.add(historyEntry(decided, state.equals("ISSUED") ? "approve" : "reject", "RECOMMENDED",
                            state));
                    if (state.equals("ISSUED")) {
                        app.put("permitNumber", "BENCHMARK-" + office + "-G" + n);
                    }
                }
            }
            app.put("history", history);
            return app;
        }

        private static Document historyEntry(Instant at, String action, String from, String to) {
            Document entry = new Document("at", Date.from(at)).append("actor", "growth").append("role", "applicant")
                    .append("action", action).append("to", to);
            if (from != null) {
                entry.append("from", from);
            }
            return entry;
        }

        /** Every other one to the applicant, the others to the office's officers (budi's inbox). */
        private Document notification(Document app, int n, long seq) {
            String office = app.getString("officeCode");
            String applicant = app.get("applicant", Document.class).getString(APPLICANT_ID);
            String recipient = n % 2 == 0 ? "user:" + applicant : "office:" + office + ":officer";
            if (n % 997 == 0) {
                recipient = "user:" + budiId;
            }
            Document note = new Document("_id", "growth-" + n + "-" + recipient).append("seq", seq)
                    .append("recipient", recipient).append("eventId", "growth-event-" + n)
                    .append("eventType", "satupintu.application.submitted.v1")
                    .append("applicationId", app.getString("_id"))
                    .append("title", "Permohonan diajukan").append("body", "Permohonan " + n + " telah diajukan.")
                    .append("locale", "id").append("createdAt", app.get("updatedAt"));
            if (app.getString("registrationNumber") != null) {
                note.append("registrationNumber", app.getString("registrationNumber"));
            }
            if (n % 3 == 0) {
                note.append("readAt", app.get("updatedAt"));
            }
            return note;
        }
    }

    static String createSubmitted(String gateway, String token) throws Exception {
        HttpResponse<String> created = CreateSubmitBenchmark.send(gateway + "/api/applications", token,
                "{\"permitTypeCode\":\"BENCHMARK\",\"officeCode\":\"SULUT-MANADO\",\"form\":{\"note\":\"growth\"}}");
        if (created.statusCode() != 201) {
            throw new IllegalStateException("create: " + created.statusCode() + " " + created.body());
        }
        String id = JSON.readTree(created.body()).path("id").asString();
        HttpResponse<String> submitted = CreateSubmitBenchmark.send(gateway + "/api/applications/" + id + "/submit",
                token, "");
        if (submitted.statusCode() != 200) {
            throw new IllegalStateException("submit: " + submitted.statusCode() + " " + submitted.body());
        }
        return id;
    }

    static HttpResponse<String> get(String url, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static String claim(String token, String name) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        JsonNode claims = JSON.readTree(payload);
        if (!claims.hasNonNull(name)) {
            throw new IllegalStateException("token has no claim " + name);
        }
        return claims.path(name).asString();
    }

    static double ms(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1000.0;
    }
}
