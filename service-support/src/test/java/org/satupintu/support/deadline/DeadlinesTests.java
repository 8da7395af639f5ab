package org.satupintu.support.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Deadlines against the MongoDB wire protocol server the local stack runs, with a clock the test moves. */
class DeadlinesTests {

    static final Instant T0 = Instant.parse("2026-12-01T08:30:00Z");

    MongoServer server;
    MongoClient client;
    MongoTemplate mongo;
    final AtomicReference<Instant> now = new AtomicReference<>(T0);
    Deadlines deadlines;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        var address = server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        mongo = new MongoTemplate(client, "deadlines");
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        deadlines = new Deadlines(mongo, "test_deadlines", clock);
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    List<String> dueIds(String kind) {
        return deadlines.due(kind, 100).stream().map(Deadlines.Entry::id).toList();
    }

    @Test
    void entriesFallDueAtTheirTimeEarliestFirstAndOnceDoneNeverAgain() {
        deadlines.schedule("sla", "b", T0.plus(Duration.ofHours(3)));
        deadlines.schedule("sla", "a", T0.plus(Duration.ofMinutes(10)));
        deadlines.schedule("sla", "c", T0.plus(Duration.ofDays(2)));
        deadlines.schedule("payment", "a", T0.plus(Duration.ofMinutes(5)));
        assertThat(dueIds("sla")).isEmpty();

        now.set(T0.plus(Duration.ofHours(4)));
        List<Deadlines.Entry> due = deadlines.due("sla", 100);
        assertThat(due).extracting(Deadlines.Entry::id).containsExactly("a", "b");
        assertThat(dueIds("sla")).as("not done yet: still due").containsExactly("a", "b");
        due.forEach(deadlines::done);
        assertThat(dueIds("sla")).isEmpty();
        assertThat(dueIds("payment")).containsExactly("a");

        now.set(T0.plus(Duration.ofDays(3)));
        assertThat(dueIds("sla")).containsExactly("c");
    }

    @Test
    void aDeadlineScheduledInThePastIsFoundEvenAfterTheCursorMovedOn() {
        deadlines.schedule("sla", "a", T0.plus(Duration.ofMinutes(1)));
        now.set(T0.plus(Duration.ofDays(1)));
        deadlines.due("sla", 100).forEach(deadlines::done);
        assertThat(dueIds("sla")).isEmpty();
        // Scheduled late for a time long past (e.g. a restored backup): the cursor goes back for it.
        deadlines.schedule("sla", "late", T0.minus(Duration.ofDays(2)));
        assertThat(dueIds("sla")).containsExactly("late");
    }

    @Test
    void theSameEntryTwiceIsOneAndALimitKeepsTheEarliest() {
        for (int i = 0; i < 5; i++) {
            deadlines.schedule("sla", "app-" + i, T0.plus(Duration.ofMinutes(i)));
        }
        deadlines.schedule("sla", "app-0", T0);
        now.set(T0.plus(Duration.ofHours(1)));
        assertThat(deadlines.due("sla", 3)).extracting(Deadlines.Entry::id).containsExactly("app-0", "app-1", "app-2");
    }

    @Test
    void longGapsAreWalkedInBoundedStepsWithoutLosingAnything() {
        deadlines.schedule("expiry", "old", T0);
        deadlines.schedule("expiry", "far", T0.plus(Duration.ofDays(100)));
        now.set(T0.plus(Duration.ofDays(101)));
        deadlines.due("expiry", 100).forEach(deadlines::done);
        List<String> seen = new java.util.ArrayList<>();
        for (int i = 0; i < 5 && seen.isEmpty(); i++) {
            seen.addAll(dueIds("expiry"));
        }
        assertThat(seen).containsExactly("far");
    }

    @Test
    void aClockYearsAheadFindsTheNextEntryInOneCall() {
        deadlines.schedule("expiry", "soon", T0);
        deadlines.schedule("expiry", "later", T0.plus(Duration.ofDays(700)));
        now.set(T0.plus(Duration.ofHours(1)));
        List<Deadlines.Entry> first = deadlines.due("expiry", 100);
        assertThat(first).extracting(Deadlines.Entry::id).containsExactly("soon");
        first.forEach(deadlines::done);
        now.set(T0.plus(Duration.ofDays(701)));
        assertThat(dueIds("expiry")).containsExactly("later");
    }
}
