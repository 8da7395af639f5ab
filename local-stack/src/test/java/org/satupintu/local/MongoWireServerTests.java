package org.satupintu.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MongoWireServerTests {

    @TempDir
    Path dataDir;

    @Test
    void dataSurvivesARestartOfTheEmbeddedStore() {
        int port = Ports.freePort();
        try (MongoWireServer server = MongoWireServer.start(dataDir, port);
                MongoClient client = MongoClients.create(server.uri())) {
            client.getDatabase("satupintu-test").getCollection("things").insertOne(new Document("_id", "a").append("n", 1));
        }
        try (MongoWireServer server = MongoWireServer.start(dataDir, port);
                MongoClient client = MongoClients.create(server.uri())) {
            Document found = client.getDatabase("satupintu-test").getCollection("things").find().first();
            assertThat(found).isNotNull();
            assertThat(found.getInteger("n")).isEqualTo(1);
        }
    }
}
