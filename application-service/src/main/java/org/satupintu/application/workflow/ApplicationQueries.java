package org.satupintu.application.workflow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.satupintu.support.security.Role;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/** Search and statistics over the applications a caller may see. */
@Service
public class ApplicationQueries {

    public static final Set<String> SORTABLE = Set.of("createdAt", "updatedAt", "submittedAt", "dueAt",
            "decidedAt", "registrationNumber", "state", "permitTypeCode");
    private static final List<String> OFFICE_HOLDS = java.util.Arrays.stream(ApplicationState.values())
            .filter(ApplicationState::officeHolds).map(ApplicationState::name).toList();

    private final MongoTemplate mongo;
    private final Clock clock;
    private final ApplicationListReader lists;
    private final ApplicationStatsReader statistics;

    ApplicationQueries(MongoTemplate mongo, Clock clock, ApplicationViews views) {
        this.mongo = mongo;
        this.clock = clock;
        this.lists = new ApplicationListReader(mongo, views);
        this.statistics = new ApplicationStatsReader(views);
    }

    public record Filter(@Nullable ApplicationState state, @Nullable String permitType, @Nullable String officeCode,
            @Nullable Boolean overdue, @Nullable String q) {
    }

    /**
     * One page of the applications the actor may see, from the read model when it can answer (see
     * {@link ApplicationListReader}); otherwise straight from the applications collection.
     */
    public Page<PermitApplication> search(Actor actor, Filter filter, Pageable pageable) {
        Page<PermitApplication> page = lists.search(actor, filter, pageable, clock.instant());
        return page != null ? page : searchCollection(actor, filter, pageable);
    }

    /** The same search on the applications collection: indexes on a real MongoDB, a scan on the embedded store. */
    Page<PermitApplication> searchCollection(Actor actor, Filter filter, Pageable pageable) {
        List<Criteria> all = new ArrayList<>();
        all.add(visibleTo(actor));
        if (filter.state() != null) {
            all.add(Criteria.where("state").is(filter.state().name()));
        }
        if (filter.permitType() != null) {
            all.add(Criteria.where("permitTypeCode").is(filter.permitType()));
        }
        if (filter.officeCode() != null) {
            all.add(Criteria.where("officeCode").is(filter.officeCode()));
        }
        if (filter.overdue() != null) {
            Criteria overdue = new Criteria().andOperator(Criteria.where("state").in(OFFICE_HOLDS),
                    Criteria.where("dueAt").lt(clock.instant()));
            all.add(filter.overdue() ? overdue : new Criteria().norOperator(overdue));
        }
        if (filter.q() != null && !filter.q().isBlank()) {
            String quoted = Pattern.quote(filter.q().trim());
            all.add(new Criteria().orOperator(Criteria.where("registrationNumber").regex("^" + quoted, "i"),
                    Criteria.where("applicant.name").regex(quoted, "i")));
        }
        Query query = new Query(new Criteria().andOperator(all.toArray(Criteria[]::new)));
        long total = mongo.count(query, PermitApplication.class);
        // The read model's tie-breakers (creation time, then id), so both answer every page in the same order.
        Sort ties = pageable.getSort().getOrderFor("createdAt") == null
                ? Sort.by("createdAt").and(Sort.by("_id")) : Sort.by("_id");
        List<PermitApplication> content = mongo.find(query.with(pageable).with(ties), PermitApplication.class);
        return new PageImpl<>(content, pageable, total);
    }

    public record OfficeStats(String officeCode, Map<ApplicationState, Long> byState, long overdue) {
    }

    /** Regional levy revenue in rupiah: billed or assessed, paid, and billed but not yet paid. */
    public record Levies(long assessedIdr, long paidIdr, long outstandingIdr) {

        Levies plus(PermitApplication app) {
            ApplicationLevy levy = app.levy();
            if (levy == null || app.state() == ApplicationState.WITHDRAWN || app.state() == ApplicationState.REJECTED) {
                return this;
            }
            return new Levies(assessedIdr + levy.amountIdr(), paidIdr + (levy.paidAt() != null ? levy.amountIdr() : 0),
                    outstandingIdr + (app.state() == ApplicationState.AWAITING_PAYMENT ? levy.amountIdr() : 0));
        }
    }

    public record Stats(Map<ApplicationState, Long> byState, long overdue, @Nullable Double medianDaysToDecision,
            List<OfficeStats> offices, Levies levies) {
    }

    /**
     * Counts per state and office, overdue count and median days from first submission to decision: from the read
     * model's bucket summaries once it is built, else from the applications collection.
     */
    public Stats stats(Actor actor) {
        Stats fromViews = statistics.stats(actor, clock.instant());
        return fromViews != null ? fromViews : statsFromCollection(actor);
    }

    /** The same statistics computed from every visible application. */
    Stats statsFromCollection(Actor actor) {
        // Operators watch the queues of every office, as counts only.
        Query query = new Query(actor.has(Role.OPS) ? new Criteria() : visibleTo(actor));
        query.fields().include("state", "officeCode", "dueAt", "submittedAt", "decidedAt", "history", "levy");
        Instant now = clock.instant();
        Map<ApplicationState, Long> byState = emptyCounts();
        Map<String, Map<ApplicationState, Long>> perOffice = new TreeMap<>();
        Map<String, Long> overduePerOffice = new TreeMap<>();
        List<Double> daysToDecision = new ArrayList<>();
        long overdue = 0;
        Levies levies = new Levies(0, 0, 0);
        for (PermitApplication app : mongo.find(query, PermitApplication.class)) {
            levies = levies.plus(app);
            byState.merge(app.state(), 1L, Long::sum);
            perOffice.computeIfAbsent(app.officeCode(), k -> emptyCounts()).merge(app.state(), 1L, Long::sum);
            if (app.isOverdue(now)) {
                overdue++;
                overduePerOffice.merge(app.officeCode(), 1L, Long::sum);
            }
            Instant firstSubmitted = app.history().stream().filter(h -> h.action().equals("submit"))
                    .map(HistoryEntry::at).findFirst().orElse(app.submittedAt());
            if (app.decidedAt() != null && firstSubmitted != null && (app.state() == ApplicationState.ISSUED
                    || app.state() == ApplicationState.REJECTED || app.state() == ApplicationState.AWAITING_PAYMENT
                    || app.state() == ApplicationState.REVOKED)) {
                daysToDecision.add(Duration.between(firstSubmitted, app.decidedAt()).toMinutes() / 1440.0);
            }
        }
        List<OfficeStats> offices = perOffice.entrySet().stream()
                .map(e -> new OfficeStats(e.getKey(), e.getValue(), overduePerOffice.getOrDefault(e.getKey(), 0L)))
                .toList();
        return new Stats(byState, overdue, median(daysToDecision), offices, levies);
    }

    /** Admins see every application; office staff their office's; applicants their own; anyone else none. */
    static Criteria visibleTo(Actor actor) {
        if (actor.has(Role.ADMIN)) {
            return new Criteria();
        }
        List<Criteria> any = new ArrayList<>();
        if (actor.office() != null && (actor.has(Role.OFFICER) || actor.has(Role.SUPERVISOR) || actor.has(Role.INTEGRATION))) {
            any.add(Criteria.where("officeCode").is(actor.office()));
        }
        if (actor.has(Role.APPLICANT)) {
            any.add(Criteria.where("applicant.id").is(actor.id()));
        }
        if (any.isEmpty()) {
            return Criteria.where("_id").is("\u0000none");
        }
        return any.size() == 1 ? any.get(0) : new Criteria().orOperator(any.toArray(Criteria[]::new));
    }

    static Map<ApplicationState, Long> emptyCounts() {
        Map<ApplicationState, Long> counts = new EnumMap<>(ApplicationState.class);
        for (ApplicationState state : ApplicationState.values()) {
            counts.put(state, 0L);
        }
        return counts;
    }

    static @Nullable Double median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int mid = sorted.size() / 2;
        double median = sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
        return Math.round(median * 10) / 10.0;
    }
}
