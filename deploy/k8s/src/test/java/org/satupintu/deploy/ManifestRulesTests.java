package org.satupintu.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import org.junit.jupiter.api.Test;

/** Each rule fails on a document broken in the way it looks for (so the checks on the real manifests can fail). */
class ManifestRulesTests {

    /** The committed gateway Deployment, straight from base/ (no kubectl needed). */
    private static ObjectNode gatewayDeployment() {
        return Manifests.parseAll(Manifests.read(Manifests.moduleDir().resolve("base/services/gateway.yaml")))
                .stream().filter(d -> Manifests.kind(d).equals("Deployment")).findFirst().orElseThrow();
    }

    private static ObjectNode container(ObjectNode deployment) {
        return (ObjectNode) deployment.at("/spec/template/spec/containers/0");
    }

    private static List<String> brokenBy(Consumer<ObjectNode> breakIt) {
        ObjectNode deployment = gatewayDeployment();
        breakIt.accept(deployment);
        return ManifestRules.workloadViolations(deployment);
    }

    @Test
    void theCommittedDeploymentPasses() {
        assertThat(ManifestRules.workloadViolations(gatewayDeployment())).isEmpty();
    }

    @Test
    void imagesWithoutAVersionAreRefused() {
        assertThat(brokenBy(d -> container(d).put("image", "satupintu/gateway:latest")))
                .singleElement().asString().contains("uses :latest");
        assertThat(brokenBy(d -> container(d).put("image", "registry.example:5000/satupintu/gateway")))
                .singleElement().asString().contains("has no tag");
        assertThat(brokenBy(d -> container(d).put("image", "satupintu/gateway:stable")))
                .singleElement().asString().contains("not a version");
        assertThat(brokenBy(d -> container(d).put("image", "satupintu/gateway@sha256:" + "a".repeat(64)))).isEmpty();
        for (String pinned : List.of("mongo:8.0", "satupintu/gateway:0.1.0", "registry.example:5000/app:v1.2.3-rc.1",
                "eclipse-temurin:25.0.1_8-jre")) {
            assertThat(ManifestRules.imageViolations("x", pinned)).as(pinned).isEmpty();
        }
    }

    @Test
    void probesMustAskTheActuatorHealthGroups() {
        assertThat(brokenBy(d -> container(d).remove("readinessProbe")))
                .singleElement().asString().contains("no readinessProbe");
        assertThat(brokenBy(d -> ((ObjectNode) container(d).at("/livenessProbe/httpGet")).put("path", "/")))
                .singleElement().asString().contains("asks /, not /actuator/health/liveness");
        assertThat(brokenBy(d -> ((ObjectNode) container(d).at("/readinessProbe/httpGet")).put("port", "web")))
                .singleElement().asString().contains("is not a port of the container");
    }

    @Test
    void securityContextRulesAreEnforced() {
        assertThat(brokenBy(d -> ((ObjectNode) container(d).get("securityContext"))
                .put("allowPrivilegeEscalation", true)))
                .singleElement().asString().contains("allowPrivilegeEscalation must be false");
        assertThat(brokenBy(d -> ((ObjectNode) container(d).get("securityContext"))
                .put("readOnlyRootFilesystem", false)))
                .singleElement().asString().contains("readOnlyRootFilesystem must be true");
        assertThat(brokenBy(d -> ((ArrayNode) container(d).at("/securityContext/capabilities/drop")).removeAll()
                .add("NET_RAW")))
                .singleElement().asString().contains("capabilities must drop ALL");
        assertThat(brokenBy(d -> ((ObjectNode) d.at("/spec/template/spec/securityContext")).remove("runAsNonRoot")))
                .singleElement().asString().contains("runAsNonRoot must be true");
        assertThat(brokenBy(d -> container(d).remove("securityContext")))
                .singleElement().asString().contains("no securityContext");
    }

    @Test
    void podsMeetTheRestrictedPodSecurityStandard() {
        assertThat(brokenBy(d -> ((ObjectNode) d.at("/spec/template/spec/securityContext")).remove("seccompProfile")))
                .singleElement().asString().contains("seccompProfile must be RuntimeDefault");
        assertThat(brokenBy(d -> ((ArrayNode) d.at("/spec/template/spec/volumes")).addObject().put("name", "docker")
                .putObject("hostPath").put("path", "/var/run/docker.sock")))
                .singleElement().asString().contains("volume docker is a hostPath volume");
        assertThat(brokenBy(d -> ((ObjectNode) d.at("/spec/template/spec")).put("hostNetwork", true)))
                .singleElement().asString().contains("shares the host's network");
        assertThat(brokenBy(d -> ((ObjectNode) container(d).at("/ports/0")).put("hostPort", 8080)))
                .singleElement().asString().contains("uses a hostPort");
    }

    @Test
    void resourcesMustBeRequestedAndMemoryLimited() {
        assertThat(brokenBy(d -> ((ObjectNode) container(d).get("resources")).remove("limits")))
                .singleElement().asString().contains("no memory limit");
        assertThat(brokenBy(d -> ((ObjectNode) container(d).at("/resources/requests")).remove("cpu")))
                .singleElement().asString().contains("no cpu request");
        assertThat(brokenBy(d -> ((ObjectNode) container(d).at("/resources/limits")).put("memory", "128Mi")))
                .singleElement().asString().contains("memory limit below its request");
    }

    @Test
    void aReadOnlyServiceNeedsAWritableTmp() {
        assertThat(brokenBy(d -> ((ArrayNode) container(d).get("volumeMounts")).removeAll()))
                .singleElement().asString().contains("no emptyDir mounted at /tmp");
    }

    @Test
    void aMisspeltFieldIsFoundThoughTheModelAcceptsIt() {
        ObjectNode deployment = gatewayDeployment();
        assertThat(UnknownFields.of("Deployment/gateway", Manifests.as(deployment,
                io.fabric8.kubernetes.api.model.apps.Deployment.class))).isEmpty();
        container(deployment).set("readinesProbe", container(deployment).get("readinessProbe"));
        ((ObjectNode) deployment.at("/spec/template/spec")).put("topologySpreadConstraint", "x");
        assertThat(UnknownFields.of("Deployment/gateway", Manifests.as(deployment,
                io.fabric8.kubernetes.api.model.apps.Deployment.class))).containsExactlyInAnyOrder(
                        "Deployment/gateway.spec.template.spec.topologySpreadConstraint: unknown field",
                        "Deployment/gateway.spec.template.spec.containers[0].readinesProbe: unknown field");
    }

    @Test
    void aSecretWithValuesIsRefused() {
        ObjectNode secret = Manifests.parseAll("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: leaked
                stringData:
                  password: hunter2
                """).get(0);
        assertThat(ManifestRules.secretViolations(secret)).singleElement().asString()
                .contains("Secret/leaked: carries literal stringData [password]");
        secret.remove("stringData");
        assertThat(ManifestRules.secretViolations(secret)).isEmpty();
    }

    @Test
    void anEnvironmentVariableTheServiceDoesNotReadIsDrift() {
        ObjectNode deployment = gatewayDeployment();
        CodeFacts.ServiceFacts facts = new CodeFacts.ServiceFacts("gateway", Set.of("SERVER_PORT"),
                Set.of("spring-boot-starter", "kafka-clients"), Set.of("docker"), List.of(), Set.of(), false);
        ConfigMap common = configMap("satupintu-common", Map.of("SPRING_PROFILES_ACTIVE", "docker"));
        ConfigMap own = configMap("gateway", Map.of("SERVER_PORT", "8080", "SERVER_PROT", "8080"));
        ((ObjectNode) container(deployment)).putArray("env").addObject().put("name", "SPRING_KAFKA_SECURITY_PROTOCOL")
                .put("value", "SASL_SSL");
        ((ArrayNode) container(deployment).get("envFrom")).removeAll()
                .add(Manifests.YAML.valueToTree(Map.of("configMapRef", Map.of("name", "satupintu-common"))))
                .add(Manifests.YAML.valueToTree(Map.of("configMapRef", Map.of("name", "gateway"))));
        List<String> violations = ManifestRules.environmentViolations("gateway", deployment,
                Map.of("satupintu-common", common, "gateway", own), facts);
        assertThat(violations).containsExactlyInAnyOrder(
                "gateway: sets SERVER_PROT, which its application.yml does not read",
                "gateway: sets SPRING_KAFKA_SECURITY_PROTOCOL, which only spring-boot-starter-kafka binds, and "
                        + "gateway does not depend on it");

        ConfigMap prod = configMap("satupintu-common", Map.of("SPRING_PROFILES_ACTIVE", "prod"));
        ((ArrayNode) container(deployment).get("env")).removeAll();
        assertThat(ManifestRules.environmentViolations("gateway", deployment,
                Map.of("satupintu-common", prod, "gateway", configMap("gateway", Map.of())), facts))
                .containsExactly("gateway: activates profile prod, which its application.yml does not define");
    }

    @Test
    void aKeyOfAMapPropertyIsReadButAMisspeltPrefixIsDrift() {
        String sources = """
                @ConfigurationProperties("satupintu.ops")
                public record OpsProperties(String kafkaBootstrapServers, @DefaultValue("x") String other,
                        @Nullable Map<String, String> kafkaProperties) {
                }
                """;
        assertThat(CodeFacts.mapPrefixes(sources)).containsExactly("SATUPINTU_OPS_KAFKAPROPERTIES_");
        // The gateway's real OpsProperties is found in its sources.
        assertThat(CodeFacts.of("gateway").mapPrefixes()).contains("SATUPINTU_OPS_KAFKAPROPERTIES_");

        ObjectNode deployment = gatewayDeployment();
        CodeFacts.ServiceFacts facts = new CodeFacts.ServiceFacts("gateway", Set.of("SERVER_PORT", "KAFKA_PASSWORD"),
                Set.of("spring-boot-starter"), Set.of("docker"), List.of(), Set.of(), false, List.of(), Map.of(),
                CodeFacts.mapPrefixes(sources));
        ((ArrayNode) container(deployment).get("envFrom")).removeAll()
                .add(Manifests.YAML.valueToTree(Map.of("configMapRef", Map.of("name", "gateway"))));
        ConfigMap own = configMap("gateway", Map.of("SERVER_PORT", "8080",
                "SATUPINTU_OPS_KAFKAPROPERTIES_SSL_TRUSTSTORE_TYPE", "PEM",
                "SATUPINTU_OPS_KAFKAPROPERTEIS_SSL_TRUSTSTORE_LOCATION", "/ca.crt",
                "SATUPINTU_OPS_KAFKAPROPERTIES_", "nothing after the prefix"));
        assertThat(ManifestRules.environmentViolations("gateway", deployment, Map.of("gateway", own), facts))
                .containsExactlyInAnyOrder(
                        "gateway: sets SATUPINTU_OPS_KAFKAPROPERTEIS_SSL_TRUSTSTORE_LOCATION, which its "
                                + "application.yml does not read",
                        "gateway: sets SATUPINTU_OPS_KAFKAPROPERTIES_, which its application.yml does not read");
    }

    @Test
    void aLoopbackDefaultLeftInPlaceIsRefusedUnlessTheProfileSetsTheProperty() {
        String yml = """
                server:
                  address: ${SERVER_ADDRESS:127.0.0.1}
                  port: ${SERVER_PORT:8080}
                satupintu:
                  gateway:
                    application-service-url: ${APPLICATION_SERVICE_URL:http://127.0.0.1:8081}
                ---
                spring:
                  config:
                    activate:
                      on-profile: docker
                server:
                  address: 0.0.0.0
                """;
        CodeFacts.ServiceFacts facts = new CodeFacts.ServiceFacts("gateway", CodeFacts.placeholders(yml),
                Set.of("spring-boot-starter"), CodeFacts.profiles(yml), List.of(), Set.of(), false,
                CodeFacts.placeholderDefaults(yml), CodeFacts.profileProperties(yml), Set.of());
        ObjectNode deployment = gatewayDeployment();
        ((ArrayNode) container(deployment).get("envFrom")).removeAll()
                .add(Manifests.YAML.valueToTree(Map.of("configMapRef", Map.of("name", "gateway"))));
        container(deployment).remove("env");
        ConfigMap own = configMap("gateway", Map.of("SERVER_PORT", "8080", "SPRING_PROFILES_ACTIVE", "docker"));
        assertThat(ManifestRules.environmentViolations("gateway", deployment, Map.of("gateway", own), facts))
                .containsExactly("gateway: satupintu.gateway.application-service-url falls back to "
                        + "http://127.0.0.1:8081; set APPLICATION_SERVICE_URL");
        ConfigMap noProfile = configMap("gateway", Map.of("SERVER_PORT", "8080", "APPLICATION_SERVICE_URL",
                "http://application-service:8081"));
        assertThat(ManifestRules.environmentViolations("gateway", deployment, Map.of("gateway", noProfile), facts))
                .containsExactly("gateway: server.address falls back to 127.0.0.1; set SERVER_ADDRESS");
    }

    @Test
    void kafkaListenersAndProducersAreReadFromTheSource() {
        String source = """
                @KafkaListener(id = "x", groupId = "${spring.kafka.consumer.group-id:notification-service}",
                        topics = {Topics.APPLICATION_EVENTS, Topics.DOCUMENT_EVENTS},
                        concurrency = "${satupintu.notifications.consumer-concurrency:1}")
                void on(ConsumerRecord<String, String> record) {
                    kafka.send(new ProducerRecord<>(Topics.NOTIFICATION_EVENTS, key, value));
                }
                """;
        assertThat(CodeFacts.listeners(source)).containsExactly(new CodeFacts.Listener("notification-service",
                Set.of("satupintu.application.events", "satupintu.document.events")));
        assertThat(CodeFacts.producedTopics(source)).containsExactly("satupintu.notification.events");
        assertThat(CodeFacts.producedTopics("""
                    @Override
                    public String topic() {
                        return Topics.APPLICATION_EVENTS;
                    }
                """)).containsExactly("satupintu.application.events");
        CodeFacts.ServiceFacts facts = new CodeFacts.ServiceFacts("n", Set.of(), Set.of(), Set.of(),
                CodeFacts.listeners(source), CodeFacts.producedTopics(source), true);
        assertThat(facts.writtenTopics()).containsExactlyInAnyOrder("satupintu.notification.events",
                "satupintu.application.events-dlt", "satupintu.document.events-dlt");
    }

    private static ConfigMap configMap(String name, Map<String, String> data) {
        ConfigMap map = new ConfigMap();
        map.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMeta());
        map.getMetadata().setName(name);
        map.setData(new java.util.LinkedHashMap<>(data));
        return map;
    }
}
