package org.satupintu.support.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The readiness check against a real wire server, and against a store that is gone. */
class StoreHealthIndicatorTests {

    @Test
    void upWhileTheStoreAnswersAndDownSoonAfterItStops() {
        MongoServer server = new MongoServer(new MemoryBackend());
        java.net.InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort()
                + "/?serverSelectionTimeoutMS=20000")) {
            StoreHealthIndicator indicator = new StoreHealthIndicator(new MongoTemplate(client, "health"), Duration.ofSeconds(2));
            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);

            server.shutdownNow();
            long started = System.nanoTime();
            Health down = indicator.health();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(down.getStatus()).isEqualTo(Status.DOWN);
            // A probe must answer quickly even though the driver would wait 20 s for a server.
            assertThat(took).isLessThan(Duration.ofSeconds(5));
        }
        finally {
            server.shutdownNow();
        }
    }
}
