package org.satupintu.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.satupintu.events.Topics;

/**
 * What the services' own files say about the environment they read and the Kafka topics they use, read from the
 * repository (application.yml, pom.xml, the Java sources), so that the manifests are checked against the code and
 * not against a second copy of it.
 */
final class CodeFacts {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern ARTIFACT = Pattern.compile("<artifactId>([^<]+)</artifactId>");
    private static final Pattern LISTENER = Pattern.compile("@KafkaListener\\(((?:[^()]|\\([^()]*\\))*)\\)",
            Pattern.DOTALL);
    private static final Pattern GROUP_ID = Pattern.compile("groupId\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern TOPICS = Pattern.compile("topics\\s*=\\s*(\\{[^}]*}|Topics\\.[A-Z_]+)");
    private static final Pattern TOPIC_CONSTANT = Pattern.compile("Topics\\.([A-Z_]+)");
    /** A record sent straight to a topic, or the topic of an OutboxSource (service-support's outbox relay). */
    private static final Pattern PRODUCED = Pattern.compile("new ProducerRecord<>\\(\\s*Topics\\.([A-Z_]+)"
            + "|String topic\\(\\)\\s*\\{\\s*return\\s+Topics\\.([A-Z_]+)\\s*;");
    private static final String DEAD_LETTER_PUBLISHER = "new DeadLetterPublishingRecoverer(";

    /** A {@code ${NAME:default}} in application.yml's default document, at property {@code property}. */
    record Placeholder(String name, String property, String defaultValue) {

        /** A default that only works on one machine (the local stack), never in a pod. */
        boolean loopbackDefault() {
            return defaultValue.contains("localhost") || defaultValue.contains("127.0.0.1");
        }
    }

    /** One @KafkaListener: its consumer group and the topics it reads. */
    record Listener(String groupId, Set<String> topics) {
    }

    /**
     * @param placeholders the {@code ${NAME}} environment placeholders of application.yml
     * @param dependencies the artifactIds of pom.xml, plus spring-boot-starter where any starter is one
     * @param profiles the profiles application.yml defines a document for
     * @param producedTopics topics written with {@code new ProducerRecord<>(Topics.X, ...)} or named by the
     *     {@code topic()} of an outbox source
     * @param deadLetterPublishing whether a DeadLetterPublishingRecoverer writes failed records to
     *     {@code <topic>-dlt}: the service's own, or service-support's error handler where the service uses it
     * @param mapPrefixes environment-variable prefixes that relaxed binding turns into keys of a
     *     {@code Map<String, String>} component of one of the service's {@code @ConfigurationProperties} records,
     *     e.g. {@code SATUPINTU_OPS_KAFKAPROPERTIES_} for the gateway's {@code satupintu.ops.kafka-properties}
     */
    record ServiceFacts(String service, Set<String> placeholders, Set<String> dependencies, Set<String> profiles,
            List<Listener> listeners, Set<String> producedTopics, boolean deadLetterPublishing,
            List<Placeholder> defaults, java.util.Map<String, Set<String>> profileProperties,
            Set<String> mapPrefixes) {

        ServiceFacts(String service, Set<String> placeholders, Set<String> dependencies, Set<String> profiles,
                List<Listener> listeners, Set<String> producedTopics, boolean deadLetterPublishing) {
            this(service, placeholders, dependencies, profiles, listeners, producedTopics, deadLetterPublishing,
                    List.of(), java.util.Map.of(), Set.of());
        }

        /** Whether the variable becomes a key of a map property (its name after the prefix is the key). */
        boolean bindsMapEntry(String variable) {
            return mapPrefixes.stream().anyMatch(p -> variable.startsWith(p) && variable.length() > p.length());
        }

        Set<String> consumedTopics() {
            Set<String> topics = new LinkedHashSet<>();
            listeners.forEach(l -> topics.addAll(l.topics()));
            return topics;
        }

        Set<String> consumerGroups() {
            Set<String> groups = new LinkedHashSet<>();
            listeners.forEach(l -> groups.add(l.groupId()));
            return groups;
        }

        /** Where the service writes: its own topic(s), and the dead-letter topic of each topic it consumes. */
        Set<String> writtenTopics() {
            Set<String> topics = new LinkedHashSet<>(producedTopics);
            if (deadLetterPublishing) {
                consumedTopics().forEach(t -> topics.add(t + Topics.DEAD_LETTER_SUFFIX));
            }
            return topics;
        }
    }

    private CodeFacts() {
    }

    static ServiceFacts of(String service) {
        Path module = Manifests.repoRoot().resolve(service);
        Path applicationYml = module.resolve("src/main/resources/application.yml");
        String yml = Manifests.read(applicationYml);
        Set<String> dependencies = dependencies(Manifests.read(module.resolve("pom.xml")));
        String sources = javaSources(module);
        Path support = Manifests.repoRoot().resolve("service-support");
        boolean deadLetters = sources.contains(DEAD_LETTER_PUBLISHER) || (dependencies.contains("service-support")
                && Files.isDirectory(support) && javaSources(support).contains(DEAD_LETTER_PUBLISHER));
        return new ServiceFacts(service, placeholders(yml), dependencies, profiles(yml), listeners(sources),
                producedTopics(sources), deadLetters, placeholderDefaults(yml), profileProperties(yml),
                mapPrefixes(sources));
    }

    private static final Pattern PROPERTIES_RECORD = Pattern.compile(
            "@ConfigurationProperties\\(\\s*(?:prefix\\s*=\\s*)?\"([^\"]+)\"\\s*\\)\\s*"
                    + "(?:public\\s+)?record\\s+\\w+\\s*\\(((?:[^()]|\\([^()]*\\))*)\\)");
    private static final Pattern MAP_COMPONENT = Pattern.compile("Map<String,\\s*String>\\s+(\\w+)");

    /**
     * For each {@code Map<String, String>} component of a {@code @ConfigurationProperties("a.b")} record, the
     * environment prefix Spring Boot binds into it: {@code A_B_<COMPONENT>_} (dots and dashes as the relaxed
     * binding of environment variables has them: {@code satupintu.ops.kafkaProperties} is
     * {@code SATUPINTU_OPS_KAFKAPROPERTIES_}).
     */
    static Set<String> mapPrefixes(String sources) {
        Set<String> prefixes = new LinkedHashSet<>();
        Matcher m = PROPERTIES_RECORD.matcher(sources);
        while (m.find()) {
            String prefix = m.group(1).replace("-", "").replace('.', '_').toUpperCase(java.util.Locale.ROOT);
            Matcher map = MAP_COMPONENT.matcher(m.group(2));
            while (map.find()) {
                prefixes.add(prefix + "_" + map.group(1).toUpperCase(java.util.Locale.ROOT) + "_");
            }
        }
        return prefixes;
    }

    private static final Pattern PLACEHOLDER_WITH_DEFAULT = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):([^}]*)}");

    /** The placeholders with a default in the document that applies without a profile. */
    static List<Placeholder> placeholderDefaults(String applicationYml) {
        List<Placeholder> found = new ArrayList<>();
        for (JsonNode document : Manifests.parseAll(applicationYml)) {
            if (document.path("spring").path("config").path("activate").has("on-profile")) {
                continue;
            }
            leaves(document, "", (property, value) -> {
                Matcher m = PLACEHOLDER_WITH_DEFAULT.matcher(value);
                while (m.find()) {
                    found.add(new Placeholder(m.group(1), property, m.group(2)));
                }
            });
        }
        return found;
    }

    /** Profile -> the properties its document sets. */
    static java.util.Map<String, Set<String>> profileProperties(String applicationYml) {
        java.util.Map<String, Set<String>> byProfile = new java.util.LinkedHashMap<>();
        for (JsonNode document : Manifests.parseAll(applicationYml)) {
            JsonNode onProfile = document.path("spring").path("config").path("activate").path("on-profile");
            if (onProfile.isTextual()) {
                Set<String> properties = new LinkedHashSet<>();
                leaves(document, "", (property, value) -> properties.add(property));
                for (String p : onProfile.asText().split(",")) {
                    byProfile.computeIfAbsent(p.trim(), k -> new LinkedHashSet<>()).addAll(properties);
                }
            }
        }
        return byProfile;
    }

    private static void leaves(JsonNode node, String path, java.util.function.BiConsumer<String, String> visit) {
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> leaves(f.getValue(), path.isEmpty() ? f.getKey()
                    : path + "." + f.getKey(), visit));
        }
        else if (node.isArray()) {
            int i = 0;
            for (JsonNode item : node) {
                leaves(item, path + "[" + i++ + "]", visit);
            }
        }
        else {
            visit.accept(path, node.asText());
        }
    }

    static Set<String> placeholders(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    static Set<String> dependencies(String pom) {
        Set<String> artifacts = new LinkedHashSet<>();
        Matcher m = ARTIFACT.matcher(pom);
        while (m.find()) {
            artifacts.add(m.group(1));
        }
        if (artifacts.stream().anyMatch(a -> a.startsWith("spring-boot-starter"))) {
            artifacts.add("spring-boot-starter");
        }
        return artifacts;
    }

    static Set<String> profiles(String applicationYml) {
        Set<String> profiles = new LinkedHashSet<>();
        for (JsonNode document : Manifests.parseAll(applicationYml)) {
            JsonNode onProfile = document.path("spring").path("config").path("activate").path("on-profile");
            if (onProfile.isTextual()) {
                for (String p : onProfile.asText().split(",")) {
                    profiles.add(p.trim());
                }
            }
        }
        return profiles;
    }

    static List<Listener> listeners(String sources) {
        List<Listener> listeners = new ArrayList<>();
        Matcher m = LISTENER.matcher(sources);
        while (m.find()) {
            String arguments = m.group(1);
            Matcher group = GROUP_ID.matcher(arguments);
            Matcher topics = TOPICS.matcher(arguments);
            if (!group.find() || !topics.find()) {
                throw new IllegalStateException("A @KafkaListener without a literal groupId or topics: " + arguments);
            }
            listeners.add(new Listener(defaultOf(group.group(1)), topicNames(topics.group(1))));
        }
        return listeners;
    }

    static Set<String> producedTopics(String sources) {
        Set<String> topics = new LinkedHashSet<>();
        Matcher m = PRODUCED.matcher(sources);
        while (m.find()) {
            topics.add(topic(m.group(1) != null ? m.group(1) : m.group(2)));
        }
        return topics;
    }

    /**
     * The modules whose main sources create topics (NewTopic, TopicBuilder, Admin#createTopics): with KafkaTopic
     * resources and ACLs without Create, none may.
     */
    static List<String> modulesCreatingTopics() {
        List<String> found = new ArrayList<>();
        for (String module : List.of("gateway", "application-service", "document-service", "notification-service",
                "service-support")) {
            Path dir = Manifests.repoRoot().resolve(module);
            if (Files.isDirectory(dir.resolve("src/main/java"))) {
                String sources = javaSources(dir);
                if (sources.contains("NewTopic") || sources.contains("TopicBuilder")
                        || sources.contains(".createTopics(")) {
                    found.add(module);
                }
            }
        }
        return found;
    }

    /** The consumer group that the gateway's ops view commits replayed dead letters under. */
    static String gatewayReplayGroup() {
        String source = javaSources(Manifests.repoRoot().resolve("gateway"));
        Matcher m = Pattern.compile("REPLAY_GROUP\\s*=\\s*\"([^\"]+)\"").matcher(source);
        if (!m.find()) {
            throw new IllegalStateException("The gateway no longer declares REPLAY_GROUP");
        }
        return m.group(1);
    }

    /** {@code "${spring.kafka.consumer.group-id:notification-service}"} -> notification-service. */
    private static String defaultOf(String value) {
        if (value.startsWith("${") && value.endsWith("}") && value.contains(":")) {
            return value.substring(value.indexOf(':') + 1, value.length() - 1);
        }
        return value;
    }

    private static Set<String> topicNames(String expression) {
        Set<String> topics = new LinkedHashSet<>();
        Matcher m = TOPIC_CONSTANT.matcher(expression);
        while (m.find()) {
            topics.add(topic(m.group(1)));
        }
        return topics;
    }

    /** The value of a constant of event-contracts' Topics. */
    static String topic(String constant) {
        try {
            return (String) Topics.class.getField(constant).get(null);
        }
        catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Topics has no constant " + constant, e);
        }
    }

    private static String javaSources(Path module) {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                all.append(Files.readString(file)).append('\n');
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all.toString();
    }
}
