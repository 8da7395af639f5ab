package org.satupintu.application.workflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.satupintu.application.workflow.ApplicationQueries.OfficeStats;
import org.satupintu.application.workflow.ApplicationQueries.Stats;
import org.satupintu.support.readmodel.BucketStore.Bucket;
import org.satupintu.support.security.Role;

/**
 * The statistics from the bucket summaries of {@link ApplicationViews}: one read of the office directories and one
 * of their summaries, whatever the number of applications. Overdue is counted from the summaries' due dates against
 * the current time; the median days to decision from their distribution of minutes. An office member who is also
 * an applicant additionally counts their own applications of other offices, from their entries.
 */
final class ApplicationStatsReader {

    private final ApplicationViews views;

    ApplicationStatsReader(ApplicationViews views) {
        this.views = views;
    }

    /** Running totals of one office. */
    private static final class Tally {
        final Map<ApplicationState, Long> byState = ApplicationQueries.emptyCounts();
        long overdue;
        long levyAssessed;
        long levyPaid;
        long levyOutstanding;
    }

    /** @return the statistics, or null while the read model is being built */
    @Nullable Stats stats(Actor actor, Instant now) {
        if (!views.ready()) {
            return null;
        }
        return views.reading(() -> compute(actor, now));
    }

    private Stats compute(Actor actor, Instant now) {
        List<String> offices;
        String ownApplications = null;
        if (actor.has(Role.OPS) || actor.has(Role.ADMIN)) {
            offices = views.offices();
        }
        else {
            ApplicationListReader.Scopes scopes = ApplicationListReader.scopesOf(actor, null, List.of());
            offices = scopes.names().stream().filter(s -> s.startsWith("o:")).map(s -> s.substring(2)).toList();
            ownApplications = scopes.names().stream().filter(s -> s.startsWith("a:")).findFirst().orElse(null);
        }
        Map<String, Tally> perOffice = new TreeMap<>();
        TreeMap<Long, Long> decisionMinutes = new TreeMap<>();
        List<Bucket> summaries = views.read(views.buckets(offices.stream().map(ApplicationViews::officeScope).toList()),
                true);
        for (Bucket bucket : summaries) {
            add(perOffice.computeIfAbsent(bucket.scope().substring(2), k -> new Tally()), bucket.summary(), now,
                    decisionMinutes);
        }
        if (ownApplications != null) {
            List<Document> elsewhere = views.entries(List.of(ownApplications)).stream()
                    .filter(e -> !offices.contains(e.getString(ApplicationViews.OFFICE))).toList();
            for (Document entry : elsewhere) {
                add(perOffice.computeIfAbsent(entry.getString(ApplicationViews.OFFICE), k -> new Tally()),
                        ApplicationViews.summarize(List.of(entry)), now, decisionMinutes);
            }
        }
        Map<ApplicationState, Long> byState = ApplicationQueries.emptyCounts();
        long overdue = 0;
        long assessed = 0;
        long paid = 0;
        long outstanding = 0;
        List<OfficeStats> officeStats = new ArrayList<>();
        for (Map.Entry<String, Tally> office : perOffice.entrySet()) {
            Tally tally = office.getValue();
            if (tally.byState.values().stream().allMatch(n -> n == 0)) {
                continue;
            }
            tally.byState.forEach((state, n) -> byState.merge(state, n, Long::sum));
            overdue += tally.overdue;
            assessed += tally.levyAssessed;
            paid += tally.levyPaid;
            outstanding += tally.levyOutstanding;
            officeStats.add(new OfficeStats(office.getKey(), tally.byState, tally.overdue));
        }
        return new Stats(byState, overdue, median(decisionMinutes), officeStats,
                new ApplicationQueries.Levies(assessed, paid, outstanding));
    }

    private static void add(Tally tally, Document summary, Instant now, Map<Long, Long> decisionMinutes) {
        Document byState = summary.get("n", Document.class);
        if (byState != null) {
            byState.forEach((name, n) -> {
                try {
                    tally.byState.merge(ApplicationState.valueOf(name), ((Number) n).longValue(), Long::sum);
                }
                catch (IllegalArgumentException e) {
                    // a state this version does not know
                }
            });
        }
        Document due = summary.get("due", Document.class);
        if (due != null) {
            long nowMillis = now.toEpochMilli();
            due.forEach((at, n) -> {
                if (Long.parseLong(at) < nowMillis) {
                    tally.overdue += ((Number) n).longValue();
                }
            });
        }
        Document levies = summary.get("lv", Document.class);
        if (levies != null) {
            tally.levyAssessed += levies.get("a") instanceof Number n ? n.longValue() : 0;
            tally.levyPaid += levies.get("p") instanceof Number n ? n.longValue() : 0;
            tally.levyOutstanding += levies.get("o") instanceof Number n ? n.longValue() : 0;
        }
        Document minutes = summary.get("dm", Document.class);
        if (minutes != null) {
            minutes.forEach((m, n) -> decisionMinutes.merge(Long.parseLong(m), ((Number) n).longValue(), Long::sum));
        }
    }

    /** The median of the distribution in days, rounded to a tenth, exactly as {@link ApplicationQueries#median}. */
    static @Nullable Double median(TreeMap<Long, Long> minutesCounts) {
        long total = minutesCounts.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return null;
        }
        double lower = valueAt(minutesCounts, (total - 1) / 2) / 1440.0;
        double upper = valueAt(minutesCounts, total / 2) / 1440.0;
        double median = total % 2 == 1 ? upper : (lower + upper) / 2;
        return Math.round(median * 10) / 10.0;
    }

    private static long valueAt(TreeMap<Long, Long> counts, long index) {
        long seen = 0;
        for (Map.Entry<Long, Long> e : counts.entrySet()) {
            seen += e.getValue();
            if (index < seen) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("index beyond the distribution");
    }
}
