package org.satupintu.drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.satupintu.events.EventTypes;
import org.satupintu.events.Topics;
import org.satupintu.systemtests.RunningPlatform;

/**
 * Drill (issue #16): a steady stream of create + submit by one applicant, then for {@value #BURST_SECONDS} s ten
 * times that rate on top from a crowd of {@value #CROWD} applicants (so the per-client limit is not what stops
 * them), then the steady stream alone again. Only 429 (the per-client policy) or 503 with {@code Retry-After} may
 * refuse a call; no process dies; every accepted submission's event is published once and notified once. Reported:
 * the steady stream's p99 per second before, during and after the burst, and how long after the burst it took to
 * be back within twice its p99 before (or 100 ms above it, whichever is larger).
 */
@Tag("slow-drill")
class BurstDrillTests {

    static final int CROWD = 20;
    static final int BURST_SECONDS = 10;
    static final Duration STEADY_INTERVAL = Duration.ofMillis(250);

    @Test
    void tenTimesTheLoadForTenSecondsIsRefusedPolitelyAndLosesNothing() {
        Drills.ensureBenchmarkPermitType();
        List<String> crowd = Crowd.applicants(CROWD);
        Drills.Report report = new Drills.Report("burst-ten-times-for-ten-seconds");
        SteadyLoad steady = SteadyLoad.start(Drills.gateway(), Drills.APPLICANT, STEADY_INTERVAL, false);
        SteadyLoad burst;
        Instant burstStart;
        Instant burstEnd;
        try {
            Drills.sleep(Duration.ofSeconds(20));
            burstStart = Instant.now();
            burst = SteadyLoad.start(Drills.gateway(), crowd, STEADY_INTERVAL.dividedBy(10), false);
            Drills.sleep(Duration.ofSeconds(BURST_SECONDS));
            burst.close();
            burstEnd = Instant.now();
            Drills.sleep(Duration.ofSeconds(30));
        }
        finally {
            steady.close();
        }

        List<SteadyLoad.Accepted> accepted = new ArrayList<>(steady.accepted());
        accepted.addAll(burst.accepted());
        List<String> apps = accepted.stream().map(SteadyLoad.Accepted::applicationId).toList();
        Map<String, List<String>> appsByUser = accepted.stream().collect(Collectors.groupingBy(
                SteadyLoad.Accepted::user, Collectors.mapping(SteadyLoad.Accepted::applicationId, Collectors.toList())));
        Map<String, String> tokens = appsByUser.keySet().stream()
                .collect(Collectors.toMap(u -> u, RunningPlatform::token));
        Duration delivered = Drills.awaitUntil(Duration.ofSeconds(240), () -> appsByUser.entrySet().stream()
                .allMatch(e -> Drills.missing(e.getValue(), Drills.inbox(tokens.get(e.getKey()),
                        EventTypes.APPLICATION_SUBMITTED, e.getValue())) == 0));
        Drills.sleep(Duration.ofSeconds(3));
        Map<String, List<String>> submitted = Drills.eventIdsByApplication(Topics.APPLICATION_EVENTS,
                EventTypes.APPLICATION_SUBMITTED, apps);
        long inboxLost = 0;
        long inboxDuplicated = 0;
        for (Map.Entry<String, List<String>> e : appsByUser.entrySet()) {
            Map<String, Integer> inbox = Drills.inbox(RunningPlatform.token(e.getKey()),
                    EventTypes.APPLICATION_SUBMITTED, e.getValue());
            inboxLost += Drills.missing(e.getValue(), inbox);
            inboxDuplicated += Drills.duplicated(inbox);
        }

        Map<String, Integer> refusals = new java.util.TreeMap<>(steady.failureCounts());
        burst.failureCounts().forEach((k, v) -> refusals.merge(k, v, Integer::sum));
        Map<String, Integer> unexpected = refusals.entrySet().stream()
                .filter(e -> !e.getKey().matches("(create|submit) (429|503)"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

        List<SteadyLoad.Accepted> steadyPairs = steady.accepted();
        double before = p99Millis(steadyPairs, burstStart.minusSeconds(15), burstStart);
        double during = p99Millis(steadyPairs, burstStart, burstEnd);
        double normal = Math.max(2 * before, before + 100);
        Duration backToNormal = backToNormal(steadyPairs, burstEnd, normal);

        report.put("steady load", "1 create+submit every " + STEADY_INTERVAL.toMillis() + " ms (" + Drills.APPLICANT + ")")
                .put("burst", BURST_SECONDS + " s of 1 create+submit every " + STEADY_INTERVAL.dividedBy(10).toMillis()
                        + " ms on top, by " + CROWD + " applicants in turn")
                .put("submissions sent (steady + burst)", steady.sent() + " + " + burst.sent())
                .put("submissions accepted (steady + burst)", steadyPairs.size() + " + " + burst.accepted().size())
                .put("refused or failed, by kind", refusals.isEmpty() ? "none" : refusals)
                .put("refusals other than 429 or 503 with Retry-After", unexpected.isEmpty() ? "none" : unexpected)
                .put("steady p99 per pair before the burst (15 s)", String.format("%.0f ms", before))
                .put("steady p99 per pair during the burst", String.format("%.0f ms", during))
                .put("steady p99 per second after the burst", perSecondP99(steadyPairs, burstEnd, 20))
                .put("back to normal latency after the burst (p99 <= " + String.format("%.0f ms", normal) + ")",
                        backToNormal)
                .put("submitted events lost", Drills.missing(apps, submitted))
                .put("submitted events duplicated (second id)", Drills.duplicatedIds(submitted))
                .put("inbox notifications lost", inboxLost)
                .put("inbox notifications duplicated", inboxDuplicated)
                .put("every accepted submission notified, after the load stopped", delivered)
                .write();

        assertThat(burst.accepted()).as("the burst is served, not only refused").isNotEmpty();
        assertThat(unexpected).as("only 429 or 503 with Retry-After refuse a call").isEmpty();
        assertThat(Drills.missing(apps, submitted)).isZero();
        assertThat(Drills.duplicatedIds(submitted)).isZero();
        assertThat(inboxLost).isZero();
        assertThat(inboxDuplicated).isZero();
        Drills.assertPlatformHealthy();
    }

    /** The p99 duration in ms of the pairs started in [from, to). */
    private static double p99Millis(List<SteadyLoad.Accepted> pairs, Instant from, Instant to) {
        List<Long> millis = pairs.stream().filter(p -> !p.started().isBefore(from) && p.started().isBefore(to))
                .map(p -> p.took().toMillis()).sorted().toList();
        if (millis.isEmpty()) {
            return Double.NaN;
        }
        return millis.get((int) Math.min(millis.size() - 1, Math.ceil(millis.size() * 0.99) - 1));
    }

    private static String perSecondP99(List<SteadyLoad.Accepted> pairs, Instant from, int seconds) {
        List<String> values = new ArrayList<>();
        for (int s = 0; s < seconds; s++) {
            double p99 = p99Millis(pairs, from.plusSeconds(s), from.plusSeconds(s + 1));
            values.add(Double.isNaN(p99) ? "-" : String.format("%.0f", p99));
        }
        return String.join(" ", values) + " ms";
    }

    /** From the burst's end, how long until every later second's p99 is within {@code normal} ms. */
    private static Duration backToNormal(List<SteadyLoad.Accepted> pairs, Instant burstEnd, double normal) {
        Instant last = pairs.stream().map(SteadyLoad.Accepted::started).max(Comparator.naturalOrder())
                .orElse(burstEnd);
        Duration answer = null;
        for (Instant second = last.minusSeconds(1); !second.isBefore(burstEnd.minusSeconds(1));
                second = second.minusSeconds(1)) {
            double p99 = p99Millis(pairs, second, second.plusSeconds(1));
            if (!Double.isNaN(p99) && p99 > normal) {
                break;
            }
            answer = second.isBefore(burstEnd) ? Duration.ZERO : Duration.between(burstEnd, second);
        }
        return answer;
    }
}
