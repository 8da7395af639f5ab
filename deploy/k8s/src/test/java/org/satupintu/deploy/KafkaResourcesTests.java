package org.satupintu.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.KafkaAuthorizationSimple;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerAuthenticationScramSha512;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerAuthenticationTls;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.KafkaUserScramSha512ClientAuthentication;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import io.strimzi.api.kafka.model.user.acl.StrimziAclOperation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.satupintu.events.Topics;

/**
 * The Strimzi resources: valid against Strimzi's CRDs, readable as its model classes, a KRaft cluster of three with
 * replication factor 3 and min.insync.replicas 2, the platform's topics, and one user per service whose ACLs are
 * exactly what the service's code uses (its @KafkaListener topics and group, the topic it produces to, the
 * dead-letter topics its error handler writes).
 */
class KafkaResourcesTests {

    private static final CrdSchema STRIMZI = CrdSchema.load(
            Manifests.moduleDir().resolve("src/test/resources/crds/strimzi-1.2.0"));

    private static final Set<String> STRIMZI_KINDS = Set.of("Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser");

    /** Partitions of every topic and dead-letter topic: the base's 6; the country's 24 (its HPAs go up to 20). */
    static final Map<String, Integer> PARTITIONS = Map.of("dev", 6, "province", 6, "national", 24);

    @ParameterizedTest
    @ValueSource(strings = {"dev", "province", "national"})
    void strimziResourcesMatchStrimzisCrdsAndModel(String overlay) {
        List<ObjectNode> documents = Manifests.render(overlay);
        List<String> errors = new ArrayList<>();
        int count = 0;
        for (ObjectNode d : documents) {
            if (d.path("apiVersion").asText().startsWith("kafka.strimzi.io/")) {
                assertThat(STRIMZI_KINDS).contains(Manifests.kind(d));
                assertThat(d.path("apiVersion").asText()).isEqualTo("kafka.strimzi.io/v1");
                errors.addAll(STRIMZI.validate(d));
                Class<?> type = switch (Manifests.kind(d)) {
                    case "Kafka" -> Kafka.class;
                    case "KafkaNodePool" -> KafkaNodePool.class;
                    case "KafkaTopic" -> KafkaTopic.class;
                    default -> KafkaUser.class;
                };
                Object model = Manifests.as(d, type);
                assertThat(model).isNotNull();
                count++;
            }
        }
        assertThat(errors).isEmpty();
        // One Kafka, its node pools (national adds a broker-only pool), 6 topics, 4 users.
        assertThat(count).isEqualTo(1 + (overlay.equals("national") ? 2 : 1) + 6 + 4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "province", "national"})
    void kafkaIsAKraftClusterOfThreeControllersWithReplicationFactorThreeAndAuthorization(String overlay) {
        List<ObjectNode> documents = Manifests.render(overlay);
        Kafka kafka = Manifests.as(Manifests.one(documents, "Kafka", "satupintu-kafka"), Kafka.class);
        int brokers = 0;
        int controllers = 0;
        for (ObjectNode d : Manifests.ofKind(documents, "KafkaNodePool")) {
            KafkaNodePool pool = Manifests.as(d, KafkaNodePool.class);
            assertThat(pool.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "satupintu-kafka");
            if (pool.getSpec().getRoles().contains(ProcessRoles.BROKER)) {
                brokers += pool.getSpec().getReplicas();
            }
            if (pool.getSpec().getRoles().contains(ProcessRoles.CONTROLLER)) {
                controllers += pool.getSpec().getReplicas();
            }
        }
        // The country's 24 partitions per topic on five brokers; the KRaft quorum stays three in every overlay.
        assertThat(brokers).as("brokers in %s", overlay).isEqualTo(overlay.equals("national") ? 5 : 3);
        assertThat(controllers).as("KRaft controllers (a quorum of 3)").isEqualTo(3);

        var spec = kafka.getSpec().getKafka();
        assertThat(spec.getAuthorization()).isInstanceOf(KafkaAuthorizationSimple.class);
        assertThat(((KafkaAuthorizationSimple) spec.getAuthorization()).getSuperUsers()).isNullOrEmpty();
        Map<String, Object> config = spec.getConfig();
        assertThat(config).containsEntry("default.replication.factor", 3).containsEntry("min.insync.replicas", 2)
                .containsEntry("offsets.topic.replication.factor", 3)
                .containsEntry("transaction.state.log.replication.factor", 3)
                .containsEntry("auto.create.topics.enable", false);
        for (GenericKafkaListener listener : spec.getListeners()) {
            assertThat(listener.isTls()).as("listener %s uses TLS", listener.getName()).isTrue();
            assertThat(listener.getAuth()).as("listener %s authenticates", listener.getName())
                    .isInstanceOfAny(KafkaListenerAuthenticationScramSha512.class,
                            KafkaListenerAuthenticationTls.class);
        }
        assertThat(kafka.getSpec().getEntityOperator().getTopicOperator()).isNotNull();
        assertThat(kafka.getSpec().getEntityOperator().getUserOperator()).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "province", "national"})
    void theTopicsAreThePlatformsWithThreeReplicasAndTheOverlaysPartitions(String overlay) {
        List<ObjectNode> documents = Manifests.render(overlay);
        Map<String, KafkaTopic> topics = new LinkedHashMap<>();
        for (ObjectNode d : Manifests.ofKind(documents, "KafkaTopic")) {
            KafkaTopic topic = Manifests.as(d, KafkaTopic.class);
            String name = topic.getSpec().getTopicName() != null ? topic.getSpec().getTopicName()
                    : topic.getMetadata().getName();
            topics.put(name, topic);
        }
        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(Topics.allWithDeadLetters());
        topics.forEach((name, topic) -> {
            assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "satupintu-kafka");
            assertThat(topic.getSpec().getPartitions()).as("partitions of %s", name)
                    .isEqualTo(PARTITIONS.get(overlay));
            assertThat(topic.getSpec().getReplicas()).as("replicas of %s", name).isEqualTo(3);
            assertThat(topic.getSpec().getConfig()).as("config of %s", name).containsEntry("min.insync.replicas", 2);
        });
        for (String topic : Topics.all()) {
            assertThat(topics.get(topic + Topics.DEAD_LETTER_SUFFIX).getSpec().getPartitions())
                    .as("the dead-letter publisher keeps the partition").isEqualTo(topics.get(topic).getSpec()
                            .getPartitions());
        }
    }

    @org.junit.jupiter.api.Test
    void theCountryHasMorePartitionsPerTopicThanAProvinceAndEachDeadLetterTopicAsManyAsItsTopic() {
        Map<String, Integer> province = partitions("province");
        Map<String, Integer> national = partitions("national");
        assertThat(national.keySet()).isEqualTo(province.keySet());
        for (String topic : Topics.allWithDeadLetters()) {
            assertThat(national.get(topic)).as("partitions of %s, national vs province", topic)
                    .isGreaterThan(province.get(topic));
        }
        for (String topic : Topics.all()) {
            assertThat(national.get(Topics.deadLetterOf(topic))).as("the dead-letter publisher keeps %s's partition",
                    topic).isEqualTo(national.get(topic));
        }
        // Each consumer replica the autoscaler may start gets a partition of every topic its service consumes.
        List<ObjectNode> documents = Manifests.render("national");
        for (String service : List.of("application-service", "document-service", "notification-service")) {
            int maxReplicas = Manifests.as(Manifests.one(documents, "HorizontalPodAutoscaler", service),
                    io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class).getSpec()
                    .getMaxReplicas();
            for (String topic : CodeFacts.of(service).consumedTopics()) {
                assertThat(national.get(topic)).as("partitions of %s for up to %d %s consumers", topic, maxReplicas,
                        service).isGreaterThanOrEqualTo(maxReplicas);
            }
        }
    }

    /** Partitions per topic name of an overlay. */
    private static Map<String, Integer> partitions(String overlay) {
        Map<String, Integer> partitions = new LinkedHashMap<>();
        for (ObjectNode d : Manifests.ofKind(Manifests.render(overlay), "KafkaTopic")) {
            KafkaTopic topic = Manifests.as(d, KafkaTopic.class);
            partitions.put(topic.getSpec().getTopicName() != null ? topic.getSpec().getTopicName()
                    : topic.getMetadata().getName(), topic.getSpec().getPartitions());
        }
        return partitions;
    }

    /** Operations per literal topic or group name, of one KafkaUser. */
    private record Grants(Map<String, Set<StrimziAclOperation>> topics, Map<String, Set<StrimziAclOperation>> groups) {

        Set<String> topicsWith(StrimziAclOperation operation) {
            Set<String> names = new TreeSet<>();
            topics.forEach((name, ops) -> {
                if (ops.contains(operation) || ops.contains(StrimziAclOperation.ALL)) {
                    names.add(name);
                }
            });
            return names;
        }

        Set<String> groupsWith(StrimziAclOperation operation) {
            Set<String> names = new TreeSet<>();
            groups.forEach((name, ops) -> {
                if (ops.contains(operation) || ops.contains(StrimziAclOperation.ALL)) {
                    names.add(name);
                }
            });
            return names;
        }
    }

    private static Grants grantsOf(KafkaUser user) {
        assertThat(user.getSpec().getAuthorization()).isInstanceOf(KafkaUserAuthorizationSimple.class);
        Map<String, Set<StrimziAclOperation>> topics = new LinkedHashMap<>();
        Map<String, Set<StrimziAclOperation>> groups = new LinkedHashMap<>();
        for (AclRule rule : ((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()).getAcls()) {
            assertThat(rule.getType() == null || rule.getType().toValue().equals("allow"))
                    .as("only allow rules").isTrue();
            if (rule.getResource() instanceof AclRuleTopicResource topic) {
                assertThat(topic.getPatternType()).as("literal topic names only")
                        .isIn(null, AclResourcePatternType.LITERAL);
                assertThat(topic.getName()).isNotEqualTo("*");
                topics.computeIfAbsent(topic.getName(), k -> new TreeSet<>()).addAll(rule.getOperations());
            }
            else if (rule.getResource() instanceof AclRuleGroupResource group) {
                assertThat(group.getPatternType()).as("literal group names only")
                        .isIn(null, AclResourcePatternType.LITERAL);
                assertThat(group.getName()).isNotEqualTo("*");
                groups.computeIfAbsent(group.getName(), k -> new TreeSet<>()).addAll(rule.getOperations());
            }
            else {
                throw new AssertionError(user.getMetadata().getName() + " has an ACL on " + rule.getResource()
                        .getType() + ": only topics and groups");
            }
        }
        return new Grants(topics, groups);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "province", "national"})
    void eachServiceMayWriteOnlyItsOwnTopicsAndReadOnlyWhatItConsumes(String overlay) {
        List<ObjectNode> documents = Manifests.render(overlay);
        Map<String, KafkaUser> users = new LinkedHashMap<>();
        for (ObjectNode d : Manifests.ofKind(documents, "KafkaUser")) {
            KafkaUser user = Manifests.as(d, KafkaUser.class);
            assertThat(user.getSpec().getAuthentication()).isInstanceOf(KafkaUserScramSha512ClientAuthentication.class);
            assertThat(user.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "satupintu-kafka");
            users.put(user.getMetadata().getName(), user);
        }
        assertThat(users.keySet()).containsExactlyInAnyOrder("satupintu-gateway", "satupintu-application-service",
                "satupintu-document-service", "satupintu-notification-service");

        for (String service : List.of("application-service", "document-service", "notification-service")) {
            CodeFacts.ServiceFacts facts = CodeFacts.of(service);
            assertThat(facts.producedTopics()).as("%s produces to a topic", service).isNotEmpty();
            assertThat(facts.listeners()).as("%s consumes", service).isNotEmpty();
            Grants grants = grantsOf(users.get("satupintu-" + service));
            assertThat(grants.topicsWith(StrimziAclOperation.WRITE)).as("%s writes", service)
                    .containsExactlyInAnyOrderElementsOf(facts.writtenTopics());
            assertThat(grants.topicsWith(StrimziAclOperation.READ)).as("%s reads", service)
                    .containsExactlyInAnyOrderElementsOf(facts.consumedTopics());
            assertThat(grants.groupsWith(StrimziAclOperation.READ)).as("%s's consumer groups", service)
                    .containsExactlyInAnyOrderElementsOf(facts.consumerGroups());
            assertThat(grants.topics().keySet()).as("%s touches nothing else", service)
                    .containsExactlyInAnyOrderElementsOf(union(facts.writtenTopics(), facts.consumedTopics()));
            for (String topic : facts.producedTopics()) {
                assertThat(topic).as("%s's own topic", service).startsWith("satupintu." + service.replace("-service",
                        "") + ".");
            }
        }

        // The gateway's ops view: describes all, reads dead letters, replays them to their original topic.
        Grants gateway = grantsOf(users.get("satupintu-gateway"));
        List<String> deadLetters = Topics.all().stream().map(Topics::deadLetterOf).toList();
        assertThat(gateway.topicsWith(StrimziAclOperation.DESCRIBE))
                .containsExactlyInAnyOrderElementsOf(Topics.allWithDeadLetters());
        assertThat(gateway.topicsWith(StrimziAclOperation.READ)).containsExactlyInAnyOrderElementsOf(deadLetters);
        assertThat(gateway.topicsWith(StrimziAclOperation.WRITE)).containsExactlyInAnyOrderElementsOf(Topics.all());
        assertThat(gateway.groupsWith(StrimziAclOperation.READ)).containsExactly(CodeFacts.gatewayReplayGroup());
        assertThat(gateway.groupsWith(StrimziAclOperation.DESCRIBE)).contains(CodeFacts.gatewayReplayGroup(),
                "application-service", "document-service", "notification-service");

        // No one but the consumer that dead-letters it writes a dead-letter topic.
        for (String deadLetter : deadLetters) {
            Set<String> writers = new TreeSet<>();
            users.forEach((name, user) -> {
                if (grantsOf(user).topicsWith(StrimziAclOperation.WRITE).contains(deadLetter)) {
                    writers.add(name);
                }
            });
            Set<String> consumers = new TreeSet<>();
            for (String service : List.of("application-service", "document-service", "notification-service")) {
                if (CodeFacts.of(service).consumedTopics().contains(deadLetter.substring(0, deadLetter.length()
                        - Topics.DEAD_LETTER_SUFFIX.length()))) {
                    consumers.add("satupintu-" + service);
                }
            }
            assertThat(writers).as("writers of %s", deadLetter).isEqualTo(consumers);
        }
    }

    @org.junit.jupiter.api.Test
    void noServiceCreatesTopics() {
        // Topics are KafkaTopic resources and no KafkaUser may Create; a service that creates its topics at start-up
        // (as the local stack does) fails on this cluster.
        assertThat(CodeFacts.modulesCreatingTopics()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "province", "national"})
    void theServicesConnectToTheScramListenerAsTheirOwnUser(String overlay) {
        List<ObjectNode> documents = Manifests.render(overlay);
        Kafka kafka = Manifests.as(Manifests.one(documents, "Kafka", "satupintu-kafka"), Kafka.class);
        GenericKafkaListener listener = kafka.getSpec().getKafka().getListeners().stream()
                .filter(l -> l.getAuth() instanceof KafkaListenerAuthenticationScramSha512).findFirst().orElseThrow();
        String bootstrap = kafka.getMetadata().getName() + "-kafka-bootstrap:" + listener.getPort();
        for (String service : Manifests.SERVICES) {
            Deployment deployment = Manifests.as(Manifests.one(documents, "Deployment", service), Deployment.class);
            Map<String, String> env = ServiceEnvironmentTests.environment(documents, deployment);
            assertThat(env).as("%s's bootstrap servers", service).containsEntry("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            Container container = pod.getContainers().get(0);
            assertThat(Manifests.one(documents, "KafkaUser", "satupintu-" + service)).isNotNull();
            String trustStore;
            if (service.equals("gateway")) {
                // The ops view builds its own Kafka clients from satupintu.ops.* (gateway OpsProperties), not from
                // spring.kafka.*: login from KAFKA_USERNAME/KAFKA_PASSWORD, trust store as plain Kafka settings.
                assertThat(env).containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                        .containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
                        .containsEntry("KAFKA_USERNAME", "satupintu-gateway")
                        .containsEntry("KAFKA_PASSWORD", "secret:satupintu-gateway/password")
                        .containsEntry("SATUPINTU_OPS_KAFKAPROPERTIES_SSL_TRUSTSTORE_TYPE", "PEM")
                        .doesNotContainKeys("SPRING_KAFKA_SECURITY_PROTOCOL", "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG");
                trustStore = env.get("SATUPINTU_OPS_KAFKAPROPERTIES_SSL_TRUSTSTORE_LOCATION");
            }
            else {
                assertThat(env).containsEntry("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                        .containsEntry("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512")
                        .containsEntry("SPRING_KAFKA_SSL_TRUST_STORE_TYPE", "PEM");
                EnvVar jaas = container.getEnv().stream()
                        .filter(e -> e.getName().equals("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG")).findFirst()
                        .orElseThrow();
                assertThat(jaas.getValueFrom().getSecretKeyRef().getName()).isEqualTo("satupintu-" + service);
                assertThat(jaas.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("sasl.jaas.config");
                trustStore = env.get("SPRING_KAFKA_SSL_TRUST_STORE_LOCATION").replaceFirst("^file:", "");
            }
            // The trust store file is the cluster CA certificate that Strimzi publishes.
            var mount = container.getVolumeMounts().stream().filter(m -> trustStore.startsWith(m.getMountPath() + "/"))
                    .findFirst().orElseThrow(() -> new AssertionError(service + " does not mount " + trustStore));
            var volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                    .orElseThrow();
            assertThat(volume.getSecret().getSecretName()).isEqualTo(kafka.getMetadata().getName()
                    + "-cluster-ca-cert");
            assertThat(volume.getSecret().getItems()).anySatisfy(item -> {
                assertThat(item.getKey()).isEqualTo("ca.crt");
                assertThat(mount.getMountPath() + "/" + item.getPath()).isEqualTo(trustStore);
            });
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
