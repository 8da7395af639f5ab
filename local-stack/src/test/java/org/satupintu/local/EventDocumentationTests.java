package org.satupintu.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.satupintu.events.EventTypes;
import org.satupintu.events.Topics;
import org.yaml.snakeyaml.Yaml;

/** Keeps docs/asyncapi.yaml in step with the event contract module. */
class EventDocumentationTests {

    @SuppressWarnings("unchecked")
    Map<String, Object> asyncApi() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("docs/asyncapi.yaml"))) {
            root = root.getParent();
        }
        return new Yaml().load(Files.readString(root.resolve("docs/asyncapi.yaml")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void documentsEveryTopicAndDeadLetterTopic() throws IOException {
        Map<String, Object> channels = (Map<String, Object>) asyncApi().get("channels");
        Set<String> addresses = new HashSet<>();
        channels.values().forEach(c -> addresses.add((String) ((Map<String, Object>) c).get("address")));
        assertThat(addresses).containsAll(Topics.allWithDeadLetters());
    }

    @Test
    @SuppressWarnings("unchecked")
    void documentsEveryEventTypeOnItsTopic() throws IOException {
        Map<String, Object> doc = asyncApi();
        Map<String, Object> messages = (Map<String, Object>) ((Map<String, Object>) doc.get("components"))
                .get("messages");
        Set<String> names = new HashSet<>();
        messages.values().forEach(m -> names.add((String) ((Map<String, Object>) m).get("name")));
        assertThat(names).containsExactlyInAnyOrderElementsOf(EventTypes.all());
    }
}
