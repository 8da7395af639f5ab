package org.satupintu.notification.inbox.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.satupintu.notification.inbox.Inbox;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The stream limits against a real wire store: per-user cap, end at token expiry and at the maximum age. */
class NotificationStreamLimitsTests {

    static final Instant T0 = Instant.parse("2026-11-30T02:00:00Z");

    MongoServer server;
    MongoClient client;
    MutableClock clock = new MutableClock(T0);
    NotificationStream streams;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        var address = server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        streams = new NotificationStream(new Inbox(new MongoTemplate(client, "streams"), clock), clock,
                Duration.ofMinutes(30), 3);
    }

    @AfterEach
    void stop() {
        streams.shutdown();
        client.close();
        server.shutdownNow();
    }

    @Test
    void aFourthStreamOfAUserEndsTheOldestButNotOtherUsersStreams() {
        for (int i = 0; i < 4; i++) {
            streams.open("ani-id", List.of("user:ani-id"), null, T0.plusSeconds(300));
        }
        streams.open("eko-id", List.of("user:eko-id"), null, T0.plusSeconds(300));
        assertThat(streams.openStreams("ani-id")).isEqualTo(3);
        assertThat(streams.openStreams("eko-id")).isEqualTo(1);
    }

    @Test
    void aStreamEndsWhenItsTokenExpiresAndAfterTheMaximumAge() {
        streams.open("ani-id", List.of("user:ani-id"), null, T0.plusSeconds(60));
        streams.open("eko-id", List.of("user:eko-id"), null, T0.plus(Duration.ofHours(2)));
        clock.now = T0.plusSeconds(59);
        streams.poll();
        assertThat(streams.openStreams("ani-id")).isEqualTo(1);
        clock.now = T0.plusSeconds(61);
        streams.poll();
        assertThat(streams.openStreams("ani-id")).isZero();
        assertThat(streams.openStreams("eko-id")).isEqualTo(1);
        clock.now = T0.plus(Duration.ofMinutes(31));
        streams.poll();
        assertThat(streams.openStreams("eko-id")).isZero();
    }

    static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
