package org.satupintu.application.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.satupintu.application.catalog.LocalizedText;
import org.satupintu.application.catalog.PermitCatalog;
import org.satupintu.application.catalog.PermitType;
import org.satupintu.application.catalog.SlaPolicy;
import org.satupintu.application.domain.DomainException;
import org.satupintu.application.workflow.ApplicationQueries.Filter;
import org.satupintu.application.workflow.ApplicationQueries.OfficeStats;
import org.satupintu.application.workflow.ApplicationQueries.Stats;
import org.satupintu.support.readmodel.BucketStore;
import org.satupintu.support.security.Role;
import org.satupintu.testsupport.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The read model answers exactly what the applications collection answers, for every visibility, filter, order
 * and page, after every kind of change; its counters stay right under concurrent writers; an interrupted write is
 * repaired. Real MongoDB-wire store, the real service beans.
 */
@SpringBootTest
class ApplicationViewsIntegrationTests {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
    }

    @Autowired
    ApplicationService service;

    @Autowired
    ApplicationQueries queries;

    @Autowired
    ApplicationViews views;

    @Autowired
    PermitCatalog catalog;

    @Autowired
    SlaWatch slaWatch;

    @Autowired
    MongoTemplate mongo;

    final String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    final String officeA = "RV-A-" + run;
    final String officeB = "RV-B-" + run;
    final String typeOne = "RVONE" + run.replace("-", "").substring(0, 6);
    final String typeTwo = "RVTWO" + run.replace("-", "").substring(0, 6);
    final List<Actor> applicants = new ArrayList<>();

    @BeforeEach
    void readModelBuiltAndTypes() {
        views.rebuildIfMissing();
        assertThat(views.ready()).isTrue();
        for (String code : List.of(typeOne, typeTwo)) {
            catalog.create(new PermitType(code, new LocalizedText("Uji " + code, "Test " + code),
                    new LocalizedText("-", "-"), 5, 0, true, SlaPolicy.ESCALATE, List.of(), List.of(), null, null, null,
                    null));
        }
        for (int i = 0; i < 4; i++) {
            applicants.add(new Actor("rv-applicant-" + run + "-" + i, "warga" + i, Set.of(Role.APPLICANT), null));
        }
    }

    Actor officer(String office) {
        return new Actor("rv-officer-" + office, "officer-" + office, Set.of(Role.OFFICER), office);
    }

    Actor supervisor(String office) {
        return new Actor("rv-supervisor-" + office, "supervisor-" + office, Set.of(Role.SUPERVISOR), office);
    }

    PermitApplication create(Actor applicant, String type, String office) {
        Applicant self = new Applicant(applicant.id(), "Warga " + applicant.username() + " Sulawesi",
                applicant.username() + "@example.id", null, "id");
        PermitApplication app = service.create(applicant, self,
                new ApplicationService.CreateCommand(type, office, Map.of(), null, null)).application();
        pause(); // distinct creation times: the order of ties is not part of the contract
        return app;
    }

    /** A mix of every state, in two offices, two permit types, four applicants; some overdue. */
    List<String> populate(long seed) {
        Random random = new Random(seed);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 36; i++) {
            Actor applicant = applicants.get(i % applicants.size());
            String office = i % 3 == 0 ? officeB : officeA;
            PermitApplication app = create(applicant, i % 2 == 0 ? typeOne : typeTwo, office);
            ids.add(app.id());
            int steps = random.nextInt(7);
            try {
                if (steps >= 1) {
                    service.submit(applicant, app.id(), null);
                }
                if (steps >= 2) {
                    service.assign(officer(office), app.id(), null, null);
                }
                if (steps == 3) {
                    service.requestRevision(officer(office), app.id(), null, "lengkapi");
                }
                if (steps >= 4) {
                    service.recommend(officer(office), app.id(), null, "ok");
                }
                if (steps == 5) {
                    service.approve(supervisor(office), app.id(), null, null);
                }
                if (steps == 6) {
                    service.reject(supervisor(office), app.id(), null, "tidak memenuhi");
                }
                if (i % 7 == 0) {
                    service.withdraw(applicant, app.id(), null, "batal");
                }
            }
            catch (DomainException e) {
                // a transition the state does not allow: the mix just stays where it is
            }
        }
        // Some deadlines passed: the SLA watch marks them (a save, like any other change).
        int past = 0;
        for (String id : ids) {
            PermitApplication app = mongo.findById(id, PermitApplication.class);
            if (app != null && app.state().officeHolds() && past++ % 2 == 0) {
                mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
                        new Update().set("dueAt", Instant.now().minusSeconds(3600L * past)), "applications");
            }
        }
        assertThat(past).as("some files are held by the office").isPositive();
        slaWatch.check();
        return ids;
    }

    List<Actor> viewers() {
        Actor first = applicants.get(0);
        return List.of(first, applicants.get(1), officer(officeA), supervisor(officeB),
                new Actor("rv-integration", "office-system", Set.of(Role.INTEGRATION), officeB),
                new Actor(first.id(), first.username(), Set.of(Role.APPLICANT, Role.OFFICER), officeB),
                new Actor("rv-admin", "admin", Set.of(Role.ADMIN), null),
                new Actor("rv-ops", "ops", Set.of(Role.OPS), null));
    }

    List<Filter> filters(Actor viewer, @Nullable String registrationPrefix) {
        List<Filter> filters = new ArrayList<>(List.of(new Filter(null, null, null, null, null),
                new Filter(ApplicationState.SUBMITTED, null, null, null, null),
                new Filter(ApplicationState.ISSUED, null, null, null, null),
                new Filter(ApplicationState.DRAFT, typeTwo, null, null, null), new Filter(null, typeOne, null, null, null),
                new Filter(null, null, null, true, null), new Filter(null, null, null, false, null),
                new Filter(null, null, null, null, "sulawesi"), new Filter(null, null, null, null, "WARGA1")));
        if (registrationPrefix != null) {
            filters.add(new Filter(null, null, null, null, registrationPrefix.toLowerCase()));
        }
        if (viewer.has(Role.ADMIN)) {
            filters.add(new Filter(null, null, officeA, null, null));
            filters.add(new Filter(ApplicationState.UNDER_REVIEW, null, officeB, null, null));
            filters.add(new Filter(null, null, officeB, true, null));
        }
        return filters;
    }

    static final List<Sort> SORTS = List.of(Sort.by(Sort.Direction.DESC, "createdAt"),
            Sort.by(Sort.Direction.ASC, "createdAt"), Sort.by(Sort.Direction.ASC, "dueAt"),
            Sort.by(Sort.Direction.DESC, "updatedAt"), Sort.by(Sort.Direction.ASC, "registrationNumber"),
            Sort.by(Sort.Direction.DESC, "decidedAt"), Sort.by("state", "permitTypeCode"), Sort.unsorted());

    void assertListsMatchTheCollection() {
        String registrationPrefix = mongo.find(Query.query(Criteria.where("officeCode").is(officeA)
                .and("registrationNumber").ne(null)), PermitApplication.class).stream()
                .map(PermitApplication::registrationNumber).findFirst().map(r -> r.substring(0, r.length() - 2))
                .orElse(null);
        int compared = 0;
        for (Actor viewer : viewers()) {
            for (Filter filter : filters(viewer, registrationPrefix)) {
                for (Sort sort : SORTS) {
                    if (viewer.has(Role.ADMIN) && filter.officeCode() == null
                            && sort.stream().noneMatch(o -> o.getProperty().equals("createdAt"))) {
                        // Every office of the shared store holds another test's copies stored out of creation order;
                        // ties (nulls) and the unsorted order keep store order in the collection, creation order
                        // here.
                        continue;
                    }
                    for (Pageable pageable : List.of(PageRequest.of(0, 5, sort), PageRequest.of(1, 5, sort),
                            PageRequest.of(2, 7, sort), PageRequest.of(0, 100, sort))) {
                        Page<PermitApplication> fromViews = queries.search(viewer, filter, pageable);
                        Page<PermitApplication> fromCollection = queries.searchCollection(viewer, filter, pageable);
                        String what = viewer.roles() + " " + filter + " " + pageable;
                        assertThat(ids(fromViews)).as(what).isEqualTo(ids(fromCollection));
                        assertThat(fromViews.getTotalElements()).as(what).isEqualTo(fromCollection.getTotalElements());
                        compared++;
                    }
                }
            }
        }
        assertThat(compared).isGreaterThan(1000);
    }

    static List<String> ids(Page<PermitApplication> page) {
        return page.getContent().stream().map(PermitApplication::id).toList();
    }

    void assertStatsMatchTheCollection() {
        for (Actor viewer : viewers()) {
            if (!(viewer.has(Role.OFFICER) || viewer.has(Role.SUPERVISOR) || viewer.has(Role.ADMIN)
                    || viewer.has(Role.OPS))) {
                continue;
            }
            Stats fromViews = queries.stats(viewer);
            Stats fromCollection = queries.statsFromCollection(viewer);
            if (viewer.has(Role.ADMIN) || viewer.has(Role.OPS)) {
                // Every office of the shared store: compare this run's offices exactly, the rest by presence.
                assertThat(ours(fromViews)).as(viewer.toString()).isEqualTo(ours(fromCollection));
                assertThat(fromViews.offices()).extracting(OfficeStats::officeCode)
                        .containsAll(List.of(officeA, officeB));
            }
            else {
                assertThat(fromViews).as(viewer.toString()).isEqualTo(fromCollection);
            }
        }
    }

    List<OfficeStats> ours(Stats stats) {
        return stats.offices().stream().filter(o -> o.officeCode().endsWith(run)).toList();
    }

    @Test
    void listsAndStatisticsAnswerExactlyWhatTheCollectionAnswersAfterEveryKindOfChange() {
        populate(16);
        Stats stats = queries.stats(supervisor(officeA));
        assertThat(stats.byState().values().stream().mapToLong(Long::longValue).sum()).isPositive();
        assertThat(queries.stats(supervisor(officeA)).overdue()).isPositive();
        assertListsMatchTheCollection();
        assertStatsMatchTheCollection();
        // and after more changes on the same applications
        populate(61);
        assertListsMatchTheCollection();
        assertStatsMatchTheCollection();
    }

    @Test
    void theMedianDaysToDecisionComesFromTheSummaries() {
        Actor ani = applicants.get(0);
        for (int i = 0; i < 3; i++) {
            PermitApplication app = create(ani, typeOne, officeB);
            service.submit(ani, app.id(), null);
            service.assign(officer(officeB), app.id(), null, null);
            service.reject(supervisor(officeB), app.id(), null, "tidak");
        }
        Stats stats = queries.stats(supervisor(officeB));
        assertThat(stats.medianDaysToDecision()).isNotNull().isEqualTo(queries.statsFromCollection(
                supervisor(officeB)).medianDaysToDecision());
        assertThat(stats.byState().get(ApplicationState.REJECTED)).isEqualTo(3L);
        assertThat(ApplicationStatsReader.median(new java.util.TreeMap<>(Map.of(1440L, 1L, 2880L, 2L, 7200L, 1L))))
                .isEqualTo(ApplicationQueries.median(List.of(1.0, 2.0, 2.0, 5.0)));
        assertThat(ApplicationStatsReader.median(new java.util.TreeMap<>(Map.of(100L, 1L, 4000L, 2L))))
                .isEqualTo(ApplicationQueries.median(List.of(100 / 1440.0, 4000 / 1440.0, 4000 / 1440.0)));
    }

    @Test
    void countersStayRightUnderConcurrentWriters() throws Exception {
        Actor ani = applicants.get(0);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            ids.add(create(applicants.get(i % 4), typeOne, officeA).id());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                Actor owner = applicants.get(i % 4);
                work.add(pool.submit(() -> {
                    service.submit(owner, id, null);
                    // two officers race for the same file; one wins, the other is refused
                    for (Actor officer : List.of(officer(officeA),
                            new Actor("rv-officer-2", "officer-two", Set.of(Role.OFFICER), officeA))) {
                        try {
                            service.assign(officer, id, null, null);
                        }
                        catch (DomainException e) {
                            // the other one was first
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get(60, TimeUnit.SECONDS);
            }
        }
        finally {
            pool.shutdown();
        }
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        Stats stats = queries.stats(officer(officeA));
        assertThat(stats.byState().get(ApplicationState.UNDER_REVIEW)).isEqualTo(24L);
        assertThat(stats).isEqualTo(queries.statsFromCollection(officer(officeA)));
        assertThat(queries.search(ani, new Filter(null, null, null, null, null), PageRequest.of(0, 100))
                .getTotalElements()).isEqualTo(6);
        assertListsMatchTheCollection();
    }

    @Test
    void anInterruptedWriteIsRepairedFromTheMarkerItLeft() {
        Actor ani = applicants.get(0);
        PermitApplication app = create(ani, typeOne, officeA);
        PermitApplication submitted = service.submit(ani, app.id(), null);
        Filter all = new Filter(null, null, null, null, null);
        Pageable newest = PageRequest.of(0, 20, Sort.by(Sort.Direction.DESC, "createdAt"));
        assertThat(ids(queries.search(ani, all, newest))).containsExactly(app.id());

        // The writer died after saving the application and before its entries: entries gone, marker left.
        BucketStore store = views.store();
        String bucket = ApplicationViews.bucketOf(app.id(), submitted.createdAt());
        store.put(ApplicationViews.applicantScope(ani.id()), bucket, app.id(), null);
        store.put(ApplicationViews.officeScope(officeA), bucket, app.id(), null);
        store.begin(app.id());
        assertThat(ids(queries.search(ani, all, newest))).as("the list comes from the read model").isEmpty();
        assertThat(queries.stats(officer(officeA)).byState().get(ApplicationState.SUBMITTED)).isZero();

        assertThat(views.repair(Duration.ZERO)).isGreaterThanOrEqualTo(1);

        assertThat(ids(queries.search(ani, all, newest))).containsExactly(app.id());
        assertThat(queries.stats(officer(officeA)).byState().get(ApplicationState.SUBMITTED)).isEqualTo(1L);
        assertThat(store.staleMarkers(Duration.ZERO)).doesNotContainKey(app.id());
    }

    @Test
    void aRebuildRestoresEntriesAndKeepsNewerOnes() {
        Actor ani = applicants.get(0);
        PermitApplication first = create(ani, typeOne, officeB);
        PermitApplication second = create(ani, typeTwo, officeB);
        service.submit(ani, second.id(), null);
        String bucket = ApplicationViews.bucketOf(first.id(), first.createdAt());
        views.store().put(ApplicationViews.officeScope(officeB), bucket, first.id(), null);
        assertThat(queries.stats(supervisor(officeB)).byState().get(ApplicationState.DRAFT)).isZero();

        assertThat(views.rebuild()).isGreaterThanOrEqualTo(2);

        Stats stats = queries.stats(supervisor(officeB));
        assertThat(stats.byState().get(ApplicationState.DRAFT)).isEqualTo(1L);
        assertThat(stats.byState().get(ApplicationState.SUBMITTED)).isEqualTo(1L);
        assertThat(stats).isEqualTo(queries.statsFromCollection(supervisor(officeB)));
    }

    @Test
    void anOlderVersionNeverReplacesANewerEntry() {
        Actor ani = applicants.get(0);
        PermitApplication draft = create(ani, typeOne, officeA);
        PermitApplication stale = mongo.findById(draft.id(), PermitApplication.class);
        service.submit(ani, draft.id(), null);
        // A slow writer of the earlier version finishes last.
        views.project(java.util.Objects.requireNonNull(stale));
        Page<PermitApplication> submitted = queries.search(officer(officeA),
                new Filter(ApplicationState.SUBMITTED, null, null, null, null), PageRequest.of(0, 10));
        assertThat(ids(submitted)).containsExactly(draft.id());
        List<Document> entries = views.entries(List.of(ApplicationViews.officeScope(officeA)));
        assertThat(entries).singleElement().satisfies(e -> assertThat(e.getString("s")).isEqualTo("SUBMITTED"));
    }

    @Test
    void anOfficeQueueOverManyMonthsReadsOnlyTheMonthsItNeedsAndAnswersTheSame() {
        Actor ani = applicants.get(0);
        // The copies go to office B and applicants 1 to 3; the template stays apart (office A, ani).
        PermitApplication template = service.submit(ani, create(ani, typeOne, officeA).id(), null);
        Document raw = mongo.findById(template.id(), Document.class, "applications");
        Instant now = Instant.now();
        Random random = new Random(7);
        for (int i = 0; i < 60; i++) {
            Document copy = Document.parse(java.util.Objects.requireNonNull(raw).toJson());
            // stored in creation order, as the service stores them (ties in the sort keep that order in both)
            Instant created = now.minus(Duration.ofDays(200 - 3L * i)).plusSeconds(random.nextInt(3600));
            copy.put("_id", "rv-month-" + run + "-" + i);
            copy.put("createdAt", java.util.Date.from(created));
            copy.put("outbox", List.of());
            copy.put("officeCode", officeB);
            copy.put("updatedAt", java.util.Date.from(created.plusSeconds(3600)));
            copy.get("applicant", Document.class).put("_id", applicants.get(1 + i % 3).id());
            if (i % 9 == 0) {
                copy.put("state", "DRAFT");
                copy.remove("dueAt");
                copy.remove("submittedAt");
                copy.remove("registrationNumber");
            }
            else {
                copy.put("dueAt", java.util.Date.from(created.plus(Duration.ofDays(7 + random.nextInt(20)))));
                copy.put("registrationNumber", "REG-" + officeB + "-M" + i);
            }
            mongo.insert(copy, "applications");
        }
        views.rebuild();
        assertThat(views.buckets(List.of(ApplicationViews.officeScope(officeB))).size()).isGreaterThan(4);
        for (Actor viewer : List.of(officer(officeB), applicants.get(1),
                new Actor("rv-admin", "admin", Set.of(Role.ADMIN), null))) {
            Filter filter = viewer.has(Role.ADMIN) ? new Filter(null, null, officeB, null, null)
                    : new Filter(null, null, null, null, null);
            for (Sort sort : SORTS) {
                for (Pageable pageable : List.of(PageRequest.of(0, 5, sort), PageRequest.of(1, 5, sort),
                        PageRequest.of(2, 7, sort), PageRequest.of(0, 100, sort), PageRequest.of(3, 10, sort))) {
                    String what = viewer.roles() + " " + pageable;
                    Page<PermitApplication> fromViews = queries.search(viewer, filter, pageable);
                    Page<PermitApplication> fromCollection = queries.searchCollection(viewer, filter, pageable);
                    assertThat(ids(fromViews)).as(what).isEqualTo(ids(fromCollection));
                    assertThat(fromViews.getTotalElements()).as(what).isEqualTo(fromCollection.getTotalElements());
                }
            }
        }
        assertStatsMatchTheCollection();
    }

    private static void pause() {
        try {
            Thread.sleep(3);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
