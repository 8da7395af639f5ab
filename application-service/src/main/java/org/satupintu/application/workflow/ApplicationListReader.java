package org.satupintu.application.workflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.satupintu.application.workflow.ApplicationQueries.Filter;
import org.satupintu.support.readmodel.BucketStore;
import org.satupintu.support.readmodel.BucketStore.Bucket;
import org.satupintu.support.readmodel.BucketStore.BucketRef;
import org.satupintu.support.security.Role;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Pages of applications from {@link ApplicationViews}, with the visibility, filters and order of the collection
 * query they replace (null sorts first ascending, as in MongoDB; ties by creation time, then id).
 * <ul>
 * <li>Newest or oldest first, unfiltered or by state (the applicant's own list, an office's list, an admin's list
 * of every office): the bucket summaries give the total and say which buckets hold the page; only those are read.</li>
 * <li>Any other order or filter within an applicant's or an office's scope (the office queue by due date, overdue,
 * permit type, the text search): every entry of that scope is read and filtered in memory, a bounded scan of the
 * caller's own candidates, never of the whole collection.</li>
 * <li>An admin's search over every office with such a filter or order is answered by the applications
 * collection (its indexes on a real MongoDB).</li>
 * </ul>
 * The page's applications are then fetched by {@code _id $in}.
 */
final class ApplicationListReader {

    private static final Map<String, String> SORT_FIELDS = Map.of("createdAt", ApplicationViews.CREATED, "updatedAt",
            ApplicationViews.UPDATED, "submittedAt", ApplicationViews.SUBMITTED, "dueAt", ApplicationViews.DUE,
            "decidedAt", ApplicationViews.DECIDED, "registrationNumber", ApplicationViews.REGISTRATION, "state",
            ApplicationViews.STATE, "permitTypeCode", ApplicationViews.TYPE);
    private static final Comparator<Document> TIES = Comparator
            .comparing((Document e) -> e.getDate(ApplicationViews.CREATED), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(e -> e.getString(BucketStore.ENTRY_ID));

    private final MongoTemplate mongo;
    private final ApplicationViews views;

    ApplicationListReader(MongoTemplate mongo, ApplicationViews views) {
        this.mongo = mongo;
        this.views = views;
    }

    /** The scopes an actor's search covers; {@code disjoint} when no application is in two of them. */
    record Scopes(List<String> names, boolean disjoint, boolean everyOffice) {
    }

    static Scopes scopesOf(Actor actor, @Nullable String officeFilter, List<String> allOffices) {
        if (actor.has(Role.ADMIN)) {
            return officeFilter != null ? new Scopes(List.of(ApplicationViews.officeScope(officeFilter)), true, false)
                    : new Scopes(allOffices.stream().map(ApplicationViews::officeScope).toList(), true, true);
        }
        List<String> names = new ArrayList<>();
        if (actor.office() != null
                && (actor.has(Role.OFFICER) || actor.has(Role.SUPERVISOR) || actor.has(Role.INTEGRATION))) {
            names.add(ApplicationViews.officeScope(actor.office()));
        }
        if (actor.has(Role.APPLICANT)) {
            names.add(ApplicationViews.applicantScope(actor.id()));
        }
        return new Scopes(names, names.size() < 2, false);
    }

    /** @return the page, or null when the read model cannot answer this one (then the collection does) */
    @Nullable Page<PermitApplication> search(Actor actor, Filter filter, Pageable pageable, Instant now) {
        if (!views.ready()) {
            return null;
        }
        List<String> offices = actor.has(Role.ADMIN) && filter.officeCode() == null ? views.offices() : List.of();
        Scopes scopes = scopesOf(actor, filter.officeCode(), offices);
        if (scopes.names().isEmpty()) {
            return new PageImpl<>(List.of(), pageable, 0);
        }
        Sort.Order created = creationOrder(pageable.getSort());
        boolean summariesCount = filter.permitType() == null && filter.overdue() == null
                && (filter.q() == null || filter.q().isBlank());
        if (scopes.disjoint() && created != null && summariesCount) {
            return views.reading(() -> walk(scopes.names(), filter.state(), created.isAscending(), pageable));
        }
        if (scopes.disjoint() && summariesCount && filter.state() == null && isDueAscending(pageable.getSort())) {
            return views.reading(() -> dueWalk(scopes.names(), pageable));
        }
        if (scopes.everyOffice()) {
            return null;
        }
        return views.reading(() -> {
            List<Document> matching = views.entries(scopes.names()).stream().filter(e -> matches(e, filter, now))
                    .sorted(comparator(pageable.getSort())).toList();
            return page(slice(matching, pageable.getOffset(), pageable.getPageSize()), pageable, matching.size());
        });
    }

    /** Newest (or oldest) first: totals from the summaries, entries only from the buckets that hold the page. */
    private Page<PermitApplication> walk(List<String> scopes, @Nullable ApplicationState state, boolean ascending,
            Pageable pageable) {
        List<BucketRef> refs = views.buckets(scopes);
        TreeMap<String, List<Bucket>> byMonth = BucketStore.byPeriod(views.read(refs, true));
        long offset = pageable.getOffset();
        long end = offset + pageable.getPageSize();
        long total = 0;
        long before = 0;
        List<BucketRef> needed = new ArrayList<>();
        for (List<Bucket> month : (ascending ? byMonth : byMonth.descendingMap()).values()) {
            long count = month.stream().mapToLong(b -> count(b.summary(), state)).sum();
            if (count > 0 && total + count > offset && total < end) {
                if (needed.isEmpty()) {
                    before = total;
                }
                month.forEach(b -> needed.add(new BucketRef(b.scope(), b.key(), b.version())));
            }
            total += count;
        }
        Comparator<Document> order = comparator(Sort.by(ascending ? Sort.Direction.ASC : Sort.Direction.DESC,
                "createdAt"));
        List<Document> entries = views.read(needed, false).stream().flatMap(b -> b.entries().stream())
                .filter(e -> state == null || state.name().equals(e.getString(ApplicationViews.STATE)))
                .sorted(order).toList();
        return page(slice(entries, offset - before, pageable.getPageSize()), pageable, total);
    }

    private static boolean isDueAscending(Sort sort) {
        List<Sort.Order> orders = sort.toList();
        return orders.size() == 1 && orders.get(0).getProperty().equals("dueAt") && orders.get(0).isAscending();
    }

    /**
     * By due date, earliest first (the office queue): applications without a due date sort first and are listed in
     * the summaries; then, since a due date is never before its application's creation, months are read oldest
     * first only until the page's last due date comes before the next month starts.
     */
    private Page<PermitApplication> dueWalk(List<String> scopes, Pageable pageable) {
        Comparator<Document> order = comparator(pageable.getSort());
        List<Bucket> summaries = views.read(views.buckets(scopes), true);
        TreeMap<String, List<Bucket>> byMonth = BucketStore.byPeriod(summaries);
        List<Document> undue = new ArrayList<>();
        long total = 0;
        for (Bucket summary : summaries) {
            total += count(summary.summary(), null);
            undue.addAll(summary.summary().getList("nd", Document.class, List.of()));
        }
        undue.sort(order);
        long offset = pageable.getOffset();
        long end = offset + pageable.getPageSize();
        List<Document> page = new ArrayList<>(slice(undue, offset, pageable.getPageSize()));
        long wanted = end - undue.size();
        if (wanted > 0) {
            List<Document> due = new ArrayList<>();
            List<Map.Entry<String, List<Bucket>>> months = new ArrayList<>(byMonth.entrySet());
            for (int i = 0; i < months.size(); i++) {
                List<BucketRef> refs = months.get(i).getValue().stream()
                        .map(b -> new BucketRef(b.scope(), b.key(), b.version())).toList();
                views.read(refs, false).forEach(b -> b.entries().stream()
                        .filter(e -> e.getDate(ApplicationViews.DUE) != null).forEach(due::add));
                if (due.size() >= wanted && i + 1 < months.size()) {
                    due.sort(order);
                    Instant last = due.get((int) wanted - 1).getDate(ApplicationViews.DUE).toInstant();
                    Instant nextMonth = java.time.YearMonth.parse(months.get(i + 1).getKey()).atDay(1)
                            .atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
                    if (last.isBefore(nextMonth)) {
                        break;
                    }
                }
            }
            due.sort(order);
            page.addAll(slice(due, Math.max(0, offset - undue.size()), (int) (wanted - Math.max(0,
                    offset - undue.size()))));
        }
        return page(page.subList(0, Math.min(page.size(), pageable.getPageSize())), pageable, total);
    }

    private static long count(Document summary, @Nullable ApplicationState state) {
        Document byState = summary.get("n", Document.class);
        if (byState == null) {
            return 0;
        }
        if (state != null) {
            return byState.get(state.name()) instanceof Number n ? n.longValue() : 0;
        }
        return byState.values().stream().mapToLong(n -> ((Number) n).longValue()).sum();
    }

    private static Sort.@Nullable Order creationOrder(Sort sort) {
        if (sort.isUnsorted()) {
            return Sort.Order.asc("createdAt"); // natural order: as stored
        }
        List<Sort.Order> orders = sort.toList();
        return orders.size() == 1 && orders.get(0).getProperty().equals("createdAt") ? orders.get(0) : null;
    }

    /** The filters of {@link ApplicationQueries#searchCollection}, on an entry. */
    static boolean matches(Document entry, Filter filter, Instant now) {
        if (filter.state() != null && !filter.state().name().equals(entry.getString(ApplicationViews.STATE))) {
            return false;
        }
        if (filter.permitType() != null && !filter.permitType().equals(entry.getString(ApplicationViews.TYPE))) {
            return false;
        }
        if (filter.officeCode() != null && !filter.officeCode().equals(entry.getString(ApplicationViews.OFFICE))) {
            return false;
        }
        if (filter.overdue() != null) {
            ApplicationState state = ApplicationViews.stateOf(entry);
            Date due = entry.getDate(ApplicationViews.DUE);
            boolean overdue = state != null && state.officeHolds() && due != null && due.toInstant().isBefore(now);
            if (overdue != filter.overdue()) {
                return false;
            }
        }
        if (filter.q() != null && !filter.q().isBlank()) {
            Pattern text = Pattern.compile(Pattern.quote(filter.q().trim()),
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            String registration = entry.getString(ApplicationViews.REGISTRATION);
            String name = entry.getString(ApplicationViews.NAME);
            return (registration != null && text.matcher(registration).lookingAt())
                    || (name != null && text.matcher(name).find());
        }
        return true;
    }

    static Comparator<Document> comparator(Sort sort) {
        Comparator<Document> order = null;
        for (Sort.Order o : sort) {
            String field = Objects.requireNonNull(SORT_FIELDS.get(o.getProperty()), o.getProperty());
            Comparator<Document> one = Comparator.comparing(e -> sortValue(e, field),
                    Comparator.nullsFirst(Comparator.naturalOrder()));
            if (o.isDescending()) {
                one = one.reversed();
            }
            order = order == null ? one : order.thenComparing(one);
        }
        return order == null ? TIES : order.thenComparing(TIES);
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static @Nullable Comparable sortValue(Document entry, String field) {
        Object value = entry.get(field);
        return value instanceof Comparable c ? c : null;
    }

    private static List<Document> slice(List<Document> sorted, long from, int size) {
        int start = (int) Math.min(Math.max(from, 0), sorted.size());
        return sorted.subList(start, Math.min(sorted.size(), start + size));
    }

    private Page<PermitApplication> page(List<Document> entries, Pageable pageable, long total) {
        List<String> ids = entries.stream().map(e -> e.getString(BucketStore.ENTRY_ID)).toList();
        Map<String, PermitApplication> found = new HashMap<>();
        if (!ids.isEmpty()) {
            mongo.find(Query.query(Criteria.where("_id").in(ids)), PermitApplication.class)
                    .forEach(app -> found.put(app.id(), app));
        }
        List<PermitApplication> content = ids.stream().map(found::get).filter(Objects::nonNull).toList();
        return new PageImpl<>(content, pageable, total);
    }
}
