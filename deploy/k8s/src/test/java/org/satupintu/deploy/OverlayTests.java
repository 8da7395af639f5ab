package org.satupintu.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every overlay renders to: well-formed documents, workloads that follow the rules, network isolation. */
class OverlayTests {

    private static final Map<String, String> NAMESPACES = Map.of("dev", "satupintu-dev", "province", "satupintu",
            "national", "satupintu");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "province", "national"})
    void everyDocumentIsANamedResourceInTheOverlaysNamespace(String overlay) {
        List<ObjectNode> documents = Manifests.render(overlay);
        assertThat(documents).hasSizeGreaterThan(30);
        Set<String> ids = new HashSet<>();
        for (ObjectNode d : documents) {
            assertThat(d.path("apiVersion").asText()).as("apiVersion of %s", Manifests.id(d)).isNotBlank();
            assertThat(Manifests.kind(d)).isNotBlank();
            assertThat(Manifests.name(d)).as("name of a %s", Manifests.kind(d)).isNotBlank();
            assertThat(ids.add(Manifests.id(d))).as("%s once", Manifests.id(d)).isTrue();
            if (Manifests.kind(d).equals("Namespace")) {
                continue;
            }
            assertThat(d.path("metadata").path("namespace").asText()).as("namespace of %s", Manifests.id(d))
                    .isEqualTo(NAMESPACES.get(overlay));
        }
        // The overlay creates its namespace, with Pod Security Admission enforcing at least the baseline profile.
        io.fabric8.kubernetes.api.model.Namespace namespace = Manifests.as(Manifests.one(documents, "Namespace",
                NAMESPACES.get(overlay)), io.fabric8.kubernetes.api.model.Namespace.class);
        assertThat(namespace.getMetadata().getLabels().get("pod-security.kubernetes.io/enforce"))
                .isIn("baseline", "restricted");
        assertThat(namespace.getMetadata().getLabels()).containsEntry("pod-security.kubernetes.io/warn",
                "restricted");
        // Every core document reads as its fabric8 model class (types, quantities) with no field it does not know.
        List<String> unknown = new ArrayList<>();
        Set<String> coreKinds = new HashSet<>();
        for (ObjectNode d : documents) {
            Class<?> type = CORE_KINDS.get(Manifests.kind(d));
            if (type != null) {
                coreKinds.add(Manifests.kind(d));
                unknown.addAll(UnknownFields.of(Manifests.id(d), Manifests.as(d, type)));
            }
        }
        assertThat(unknown).isEmpty();
        // Everything else is a custom resource of an operator whose CRD schema is checked elsewhere.
        assertThat(documents.stream().map(Manifests::kind).filter(k -> !CORE_KINDS.containsKey(k))
                .collect(Collectors.toSet())).isSubsetOf("Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser",
                        "Keycloak", "KeycloakRealmImport");
        assertThat(coreKinds).contains("Deployment", "Service", "ConfigMap", "NetworkPolicy", "Ingress");
    }

    static final Map<String, Class<?>> CORE_KINDS = Map.of(
            "Namespace", io.fabric8.kubernetes.api.model.Namespace.class,
            "Deployment", Deployment.class,
            "Service", Service.class,
            "Ingress", Ingress.class,
            "NetworkPolicy", NetworkPolicy.class,
            "ConfigMap", io.fabric8.kubernetes.api.model.ConfigMap.class,
            "StatefulSet", io.fabric8.kubernetes.api.model.apps.StatefulSet.class,
            "Job", io.fabric8.kubernetes.api.model.batch.v1.Job.class,
            "PodDisruptionBudget", io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class,
            "HorizontalPodAutoscaler", io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class);

    @ParameterizedTest
    @ValueSource(strings = {"dev", "province", "national"})
    void everyWorkloadFollowsTheRules(String overlay) {
        List<ObjectNode> documents = Manifests.render(overlay);
        List<String> violations = new ArrayList<>();
        Set<String> workloads = new HashSet<>();
        for (ObjectNode d : documents) {
            if (Set.of("Deployment", "StatefulSet", "Job").contains(Manifests.kind(d))) {
                workloads.add(Manifests.id(d));
                violations.addAll(ManifestRules.workloadViolations(d));
            }
        }
        assertThat(workloads).containsExactlyInAnyOrder("Deployment/gateway", "Deployment/application-service",
                "Deployment/document-service", "Deployment/notification-service", "StatefulSet/mongodb",
                "Job/mongodb-init");
        assertThat(violations).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "province", "national"})
    void noSecretValueIsInTheManifests(String overlay) {
        List<ObjectNode> documents = Manifests.render(overlay);
        assertThat(documents.stream().flatMap(d -> ManifestRules.secretViolations(d).stream())).isEmpty();
        assertThat(Manifests.ofKind(documents, "Secret")).as("Secrets are created outside, referenced by name")
                .isEmpty();
        // No literal value of a variable that looks like a credential.
        for (ObjectNode d : Manifests.ofKind(documents, "Deployment")) {
            for (Container c : Manifests.as(d, Deployment.class).getSpec().getTemplate().getSpec().getContainers()) {
                if (c.getEnv() != null) {
                    c.getEnv().stream().filter(e -> e.getName().matches(".*(PASSWORD|SECRET|JAAS|AUTHORIZATION|URI)$")
                            && !e.getName().endsWith("ISSUER_URI") && !e.getName().endsWith("JWK_SET_URI"))
                            .forEach(e -> assertThat(e.getValue()).as("%s in %s comes from a Secret", e.getName(),
                                    Manifests.id(d)).isNull());
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "province", "national"})
    void onlyTheGatewayAndKeycloakAreReachableFromOutsideAndEachServiceOnlyFromItsCallers(String overlay) {
        List<ObjectNode> documents = Manifests.render(overlay);
        NetworkPolicy defaultDeny = Manifests.as(Manifests.one(documents, "NetworkPolicy", "default-deny-ingress"),
                NetworkPolicy.class);
        assertThat(defaultDeny.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
        assertThat(defaultDeny.getSpec().getPodSelector().getMatchExpressions()).isNullOrEmpty();
        assertThat(defaultDeny.getSpec().getIngress()).isNullOrEmpty();

        Reachability net = Reachability.of(documents);
        String ingressController = "namespaces{kubernetes.io/metadata.name: ingress-nginx}";
        assertThat(net.sourcesOfWorkload("gateway")).containsExactly(ingressController);
        assertThat(net.sourcesOfWorkload("application-service")).containsExactlyInAnyOrder("gateway",
                "document-service");
        assertThat(net.sourcesOfWorkload("document-service")).containsExactly("gateway");
        assertThat(net.sourcesOfWorkload("notification-service")).containsExactly("gateway");
        assertThat(net.sourcesOfWorkload("mongodb")).containsExactlyInAnyOrder("application-service",
                "document-service", "notification-service", "mongodb", "mongodb-init");
        assertThat(net.sourcesOfWorkload("mongodb-init")).isEmpty();
        // Keycloak's pods (made by its operator, labelled app=keycloak): the ingress controller and the services.
        assertThat(net.sourcesOf(Map.of("app", "keycloak", "app.kubernetes.io/instance", "satupintu-keycloak")))
                .containsExactlyInAnyOrder(ingressController, "gateway", "application-service",
                        "document-service", "notification-service");
        // Kafka's brokers: Strimzi's own policy from the listener's networkPolicyPeers.
        var kafka = Manifests.as(Manifests.one(documents, "Kafka", "satupintu-kafka"),
                io.strimzi.api.kafka.model.kafka.Kafka.class);
        Set<String> kafkaClients = new java.util.TreeSet<>();
        for (var listener : kafka.getSpec().getKafka().getListeners()) {
            assertThat(listener.getNetworkPolicyPeers()).as("listener %s restricts its peers", listener.getName())
                    .isNotEmpty();
            for (var peer : listener.getNetworkPolicyPeers()) {
                assertThat(peer.getNamespaceSelector()).isNull();
                assertThat(peer.getIpBlock()).isNull();
                kafkaClients.addAll(net.workloadsMatching(peer.getPodSelector()));
            }
        }
        assertThat(kafkaClients).containsExactlyInAnyOrder("gateway", "application-service", "document-service",
                "notification-service");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "province", "national"})
    void theIngressesExposeOnlyTheGatewayAndKeycloaksPublicPathsOverTls(String overlay) {
        List<ObjectNode> documents = Manifests.render(overlay);
        Map<String, Set<String>> backends = new java.util.TreeMap<>();
        for (ObjectNode d : Manifests.ofKind(documents, "Ingress")) {
            Ingress ingress = Manifests.as(d, Ingress.class);
            Set<String> tlsHosts = ingress.getSpec().getTls().stream().flatMap(t -> t.getHosts().stream())
                    .collect(Collectors.toSet());
            for (IngressRule rule : ingress.getSpec().getRules()) {
                assertThat(tlsHosts).as("TLS for %s", rule.getHost()).contains(rule.getHost());
                for (var path : rule.getHttp().getPaths()) {
                    backends.computeIfAbsent(path.getBackend().getService().getName(), k -> new java.util.TreeSet<>())
                            .add(path.getPath());
                }
            }
        }
        assertThat(backends).containsOnlyKeys("gateway", "satupintu-keycloak-service");
        assertThat(backends.get("gateway")).containsExactly("/");
        assertThat(backends.get("satupintu-keycloak-service")).containsExactlyInAnyOrder("/realms/", "/resources/");
        // The gateway's Service exists and its port is the gateway's.
        Service gateway = Manifests.as(Manifests.one(documents, "Service", "gateway"), Service.class);
        assertThat(gateway.getSpec().getType()).isEqualTo("ClusterIP");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "province", "national"})
    void everyServiceHasAServiceOnItsContainerPort(String overlay) {
        List<ObjectNode> documents = Manifests.render(overlay);
        for (String name : Manifests.SERVICES) {
            Deployment deployment = Manifests.as(Manifests.one(documents, "Deployment", name), Deployment.class);
            Service service = Manifests.as(Manifests.one(documents, "Service", name), Service.class);
            var podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
            assertThat(deployment.getSpec().getSelector().getMatchLabels()).isEqualTo(service.getSpec().getSelector());
            var containerPort = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().get(0);
            assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> {
                assertThat(p.getPort()).isEqualTo(containerPort.getContainerPort());
                assertThat(p.getTargetPort().getStrVal()).isEqualTo(containerPort.getName());
            });
        }
    }
}
