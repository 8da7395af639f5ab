package org.satupintu.support.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.provider.mongo.MongoLockProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas (two clients, as two processes would have) share one store, the wire-protocol server the local stack
 * runs: a job runs on one of them at a time.
 */
class SingleRunTests {

    MongoServer server;
    final List<MongoClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        server.bind();
    }

    @AfterEach
    void stop() {
        clients.forEach(MongoClient::close);
        server.shutdownNow();
    }

    MongoClient client() {
        MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        clients.add(client);
        return client;
    }

    SingleRun replica() {
        return new SingleRun(client().getDatabase("jobs").getCollection(SingleRun.COLLECTION));
    }

    @Test
    void twoReplicasRunningTheSameJobInALoopNeverRunItAtTheSameTime() throws Exception {
        List<SingleRun> replicas = List.of(replica(), replica());
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        AtomicInteger[] ranOn = { new AtomicInteger(), new AtomicInteger() };
        AtomicInteger skipped = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            SingleRun replica = replicas.get(r);
            AtomicInteger ran = ranOn[r];
            // Two threads per replica, as a scheduler with a pool could fire the same job twice.
            for (int t = 0; t < 2; t++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    await(go);
                    for (int i = 0; i < 60; i++) {
                        boolean did = replica.run("sla-watch", Duration.ofMinutes(1), () -> {
                            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                            sleep(3);
                            running.decrementAndGet();
                        });
                        if (did) {
                            ran.incrementAndGet();
                        }
                        else {
                            skipped.incrementAndGet();
                        }
                        sleep(1);
                    }
                }));
            }
        }
        go.countDown();
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(60));
        }
        assertThat(mostAtOnce.get()).as("runs at the same moment").isEqualTo(1);
        assertThat(ranOn[0].get()).as("runs on replica 1").isPositive();
        assertThat(ranOn[1].get()).as("runs on replica 2").isPositive();
        assertThat(skipped.get()).as("rounds skipped because the other held the lock").isPositive();
        assertThat(ranOn[0].get() + ranOn[1].get() + skipped.get()).isEqualTo(4 * 60);
    }

    @Test
    void aLockLeftByAReplicaThatDiedExpiresAfterItsLongestRun() throws Exception {
        SingleRun survivor = replica();
        // The dying replica took the lock for at most 1.5 s and never released it.
        new MongoLockProvider(client().getDatabase("jobs").getCollection(SingleRun.COLLECTION))
                .lock(new LockConfiguration(Instant.now(), "sla-watch", Duration.ofMillis(1500), Duration.ZERO))
                .orElseThrow();
        AtomicInteger runs = new AtomicInteger();
        assertThat(survivor.run("sla-watch", Duration.ofMinutes(1), runs::incrementAndGet)).isFalse();
        assertThat(survivor.run("another-job", Duration.ofMinutes(1), runs::incrementAndGet))
                .as("other jobs are not held").isTrue();
        Thread.sleep(1700);
        assertThat(survivor.run("sla-watch", Duration.ofMinutes(1), runs::incrementAndGet)).isTrue();
        assertThat(runs.get()).isEqualTo(2);
    }

    @Test
    void aJobThatRanBeforeIsSkippedWhileAnotherReplicaHoldsItsLock() {
        SingleRun replica = replica();
        assertThat(replica.run("sla-watch", Duration.ofMinutes(1), () -> { })).isTrue();
        new MongoLockProvider(client().getDatabase("jobs").getCollection(SingleRun.COLLECTION))
                .lock(new LockConfiguration(Instant.now(), "sla-watch", Duration.ofSeconds(30), Duration.ZERO))
                .orElseThrow();
        assertThat(replica.run("sla-watch", Duration.ofMinutes(1), () -> { })).isFalse();
    }

    @Test
    void aFailingJobReleasesItsLockAndTheFailureReachesTheCaller() {
        SingleRun replica = replica();
        SingleRun other = replica();
        assertThatThrownBy(() -> replica.run("job", Duration.ofMinutes(5), () -> {
            throw new IllegalStateException("store away");
        })).isInstanceOf(IllegalStateException.class).hasMessage("store away");
        assertThat(other.run("job", Duration.ofMinutes(5), () -> { })).as("released although it failed").isTrue();
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
