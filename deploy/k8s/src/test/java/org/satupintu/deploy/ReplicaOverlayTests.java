package org.satupintu.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.kafka.JbodStorage;
import io.strimzi.api.kafka.model.kafka.PersistentClaimStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How many of each the overlays run (issue #15): dev once; a province every service exactly twice; the country
 * autoscaled from at least two, with more Kafka brokers, a larger MongoDB and three Keycloaks. Province and national
 * both spread every service over nodes and zones and give every Deployment a PodDisruptionBudget.
 */
class ReplicaOverlayTests {

    @ParameterizedTest
    @ValueSource(strings = {"province", "national"})
    void everyDeploymentIsSpreadOverNodesAndZonesWithADisruptionBudgetThatLeavesOneToDrain(String overlay) {
        List<ObjectNode> documents = Manifests.render(overlay);
        List<PodDisruptionBudget> budgets = Manifests.ofKind(documents, "PodDisruptionBudget").stream()
                .map(d -> Manifests.as(d, PodDisruptionBudget.class)).toList();
        List<ObjectNode> deployments = Manifests.ofKind(documents, "Deployment");
        assertThat(deployments.stream().map(Manifests::name)).containsExactlyInAnyOrderElementsOf(Manifests.SERVICES);
        for (ObjectNode d : deployments) {
            Deployment deployment = Manifests.as(d, Deployment.class);
            String name = deployment.getMetadata().getName();
            var labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            var pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(pod.getTopologySpreadConstraints()).as("%s spread over nodes", name)
                    .anySatisfy(c -> requiredOverNodes(c, labels));
            assertThat(pod.getTopologySpreadConstraints()).as("%s spread over zones", name).anySatisfy(c ->
                    assertThat(c.getTopologyKey()).isEqualTo("topology.kubernetes.io/zone"));
            pod.getTopologySpreadConstraints().forEach(c -> assertThat(Reachability.matches(c.getLabelSelector(),
                    labels)).as("%s spreads its own pods", name).isTrue());
            assertThat(pod.getAffinity().getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution())
                    .anySatisfy(term -> assertThat(Reachability.matches(term.getPodAffinityTerm().getLabelSelector(),
                            labels)).isTrue());

            // Exactly one budget per Deployment, and one that a drain can satisfy: at least one ready pod kept, at
            // least one allowed to go at the fewest replicas the Deployment runs.
            int fewest = fewestReplicas(documents, deployment);
            assertThat(budgets.stream().filter(b -> Reachability.matches(b.getSpec().getSelector(), labels)))
                    .as("%s disruption budget", name).singleElement().satisfies(b -> {
                        assertThat(b.getSpec().getMaxUnavailable()).isNull();
                        assertThat(b.getSpec().getMinAvailable().getIntVal()).isBetween(1, fewest - 1);
                    });
        }
        // MongoDB's members and Kafka's nodes each on their own node, so one node lost never takes a majority.
        StatefulSet db = Manifests.as(Manifests.one(documents, "StatefulSet", "mongodb"), StatefulSet.class);
        assertThat(db.getSpec().getTemplate().getSpec().getTopologySpreadConstraints()).as("mongodb spread")
                .anySatisfy(c -> requiredOverNodes(c, db.getSpec().getTemplate().getMetadata().getLabels()))
                .anySatisfy(c -> assertThat(c.getTopologyKey()).isEqualTo("topology.kubernetes.io/zone"));
        for (ObjectNode d : Manifests.ofKind(documents, "KafkaNodePool")) {
            KafkaNodePool pool = Manifests.as(d, KafkaNodePool.class);
            // The labels Strimzi gives a node pool's pods (those a selector here may use).
            Map<String, String> podLabels = new java.util.HashMap<>(Map.of("strimzi.io/cluster", "satupintu-kafka",
                    "strimzi.io/pool-name", pool.getMetadata().getName()));
            pool.getSpec().getRoles().forEach(role -> podLabels.put("strimzi.io/" + role.toValue() + "-role", "true"));
            assertThat(pool.getSpec().getTemplate().getPod().getTopologySpreadConstraints())
                    .as("Kafka pool %s spread", pool.getMetadata().getName())
                    .anySatisfy(c -> requiredOverNodes(c, podLabels))
                    .anySatisfy(c -> assertThat(c.getTopologyKey()).isEqualTo("topology.kubernetes.io/zone"));
        }
        // One MongoDB member at a time: two of three keep a primary.
        PodDisruptionBudget mongodb = Manifests.as(Manifests.one(documents, "PodDisruptionBudget", "mongodb"),
                PodDisruptionBudget.class);
        assertThat(mongodb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(Reachability.matches(mongodb.getSpec().getSelector(), Manifests.as(Manifests.one(documents,
                "StatefulSet", "mongodb"), StatefulSet.class).getSpec().getTemplate().getMetadata().getLabels()))
                .isTrue();
    }

    /**
     * Evenly over nodes or not at all, counting only nodes the pods may run on: a tainted node (the control plane)
     * counted with none would allow one pod on every other node.
     */
    private static void requiredOverNodes(io.fabric8.kubernetes.api.model.TopologySpreadConstraint c,
            Map<String, String> podLabels) {
        assertThat(c.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
        assertThat(c.getWhenUnsatisfiable()).isEqualTo("DoNotSchedule");
        assertThat(c.getMaxSkew()).isEqualTo(1);
        assertThat(c.getNodeTaintsPolicy()).isEqualTo("Honor");
        assertThat(Reachability.matches(c.getLabelSelector(), podLabels)).as("selects its own pods").isTrue();
    }

    /** The replica count a Deployment runs at least: its HPA's minimum, else its own replicas. */
    private static int fewestReplicas(List<ObjectNode> documents, Deployment deployment) {
        Integer fewest = scalerOf(documents, deployment.getMetadata().getName()).map(h -> h.getSpec()
                .getMinReplicas()).orElseGet(() -> deployment.getSpec().getReplicas());
        if (fewest == null) {
            throw new AssertionError(deployment.getMetadata().getName() + " has neither replicas nor an autoscaler");
        }
        return fewest;
    }

    private static java.util.Optional<HorizontalPodAutoscaler> scalerOf(List<ObjectNode> documents, String name) {
        List<HorizontalPodAutoscaler> scalers = Manifests.ofKind(documents, "HorizontalPodAutoscaler").stream()
                .map(d -> Manifests.as(d, HorizontalPodAutoscaler.class))
                .filter(h -> h.getSpec().getScaleTargetRef().getName().equals(name)).toList();
        assertThat(scalers).as("autoscalers of %s", name).hasSizeLessThanOrEqualTo(1);
        return scalers.stream().findFirst();
    }

    @Test
    void aProvinceRunsEveryServiceExactlyTwiceWithoutAnAutoscaler() {
        List<ObjectNode> documents = Manifests.render("province");
        assertThat(Manifests.ofKind(documents, "HorizontalPodAutoscaler")).isEmpty();
        for (ObjectNode d : Manifests.ofKind(documents, "Deployment")) {
            assertThat(Manifests.as(d, Deployment.class).getSpec().getReplicas()).as("replicas of %s",
                    Manifests.name(d)).isEqualTo(2);
        }
        assertThat(Manifests.ofKind(documents, "Deployment")).hasSize(Manifests.SERVICES.size());
    }

    @Test
    void theCountryAutoscalesEveryServiceFromAtLeastTwoReplicasOnCpu() {
        List<ObjectNode> documents = Manifests.render("national");
        List<HorizontalPodAutoscaler> scalers = Manifests.ofKind(documents, "HorizontalPodAutoscaler").stream()
                .map(d -> Manifests.as(d, HorizontalPodAutoscaler.class)).toList();
        assertThat(scalers.stream().map(h -> h.getSpec().getScaleTargetRef().getName()))
                .containsExactlyInAnyOrderElementsOf(Manifests.SERVICES);
        for (ObjectNode d : Manifests.ofKind(documents, "Deployment")) {
            Deployment deployment = Manifests.as(d, Deployment.class);
            String service = deployment.getMetadata().getName();
            // The autoscaler owns the count; a replicas field would be reapplied by every `kubectl apply`.
            assertThat(deployment.getSpec().getReplicas()).as("%s replicas left to its HPA", service).isNull();
            assertThat(scalerOf(documents, service)).as("%s autoscaler", service).hasValueSatisfying(h -> {
                assertThat(h.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
                assertThat(h.getSpec().getScaleTargetRef().getApiVersion()).isEqualTo("apps/v1");
                assertThat(h.getSpec().getMinReplicas()).as("%s runs at least twice", service)
                        .isGreaterThanOrEqualTo(2);
                // More consumers than partitions would idle (KafkaResourcesTests checks each consumed topic).
                assertThat(h.getSpec().getMaxReplicas()).as("%s maximum", service)
                        .isBetween(h.getSpec().getMinReplicas() + 1, KafkaResourcesTests.PARTITIONS.get("national"));
                assertThat(h.getSpec().getMetrics()).singleElement().satisfies(m -> {
                    assertThat(m.getResource().getName()).isEqualTo("cpu");
                    assertThat(m.getResource().getTarget().getType()).isEqualTo("Utilization");
                    assertThat(m.getResource().getTarget().getAverageUtilization()).isBetween(50, 90);
                });
            });
            // CPU utilisation is measured against the request: without one the HPA cannot scale.
            assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getResources()
                    .getRequests()).containsKey("cpu");
        }
    }

    @Test
    void theCountryHasMoreBrokersALargerMongoDbAndMoreKeycloaksThanAProvince() {
        List<ObjectNode> province = Manifests.render("province");
        List<ObjectNode> national = Manifests.render("national");
        // Kafka: more brokers, each with at least a province broker's disk and memory.
        assertThat(brokers(national)).isGreaterThan(brokers(province));
        assertThat(smallestBroker(national, "storage")).isGreaterThan(smallestBroker(province, "storage"));
        assertThat(smallestBroker(national, "memory")).isGreaterThan(smallestBroker(province, "memory"));
        // MongoDB: more memory (and a WiredTiger cache within it), more disk per member.
        StatefulSet provinceDb = Manifests.as(Manifests.one(province, "StatefulSet", "mongodb"), StatefulSet.class);
        StatefulSet nationalDb = Manifests.as(Manifests.one(national, "StatefulSet", "mongodb"), StatefulSet.class);
        assertThat(memoryLimit(nationalDb)).isGreaterThan(memoryLimit(provinceDb));
        assertThat(diskPerMember(nationalDb)).isGreaterThan(diskPerMember(provinceDb));
        for (StatefulSet db : List.of(provinceDb, nationalDb)) {
            List<String> args = db.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
            double cacheBytes = Double.parseDouble(args.get(args.indexOf("--wiredTigerCacheSizeGB") + 1)) * 1e9;
            assertThat(cacheBytes).as("WiredTiger cache of %s within half the memory limit", db.getMetadata()
                    .getName()).isLessThanOrEqualTo(memoryLimit(db) / 2);
        }
        assertThat(Manifests.one(national, "Keycloak", "satupintu-keycloak").at("/spec/instances").asInt())
                .isGreaterThan(Manifests.one(province, "Keycloak", "satupintu-keycloak").at("/spec/instances").asInt());
    }

    private static int brokers(List<ObjectNode> documents) {
        return Manifests.ofKind(documents, "KafkaNodePool").stream().map(d -> Manifests.as(d, KafkaNodePool.class))
                .filter(p -> p.getSpec().getRoles().contains(ProcessRoles.BROKER))
                .mapToInt(p -> p.getSpec().getReplicas()).sum();
    }

    /** The smallest broker pool's disk (sum of its volumes) or memory limit, in bytes. */
    private static double smallestBroker(List<ObjectNode> documents, String what) {
        return Manifests.ofKind(documents, "KafkaNodePool").stream().map(d -> Manifests.as(d, KafkaNodePool.class))
                .filter(p -> p.getSpec().getRoles().contains(ProcessRoles.BROKER))
                .mapToDouble(p -> what.equals("memory") ? bytes(p.getSpec().getResources().getLimits().get("memory"))
                        : ((JbodStorage) p.getSpec().getStorage()).getVolumes().stream()
                                .mapToDouble(v -> bytes(new Quantity(((PersistentClaimStorage) v).getSize()))).sum())
                .min().orElseThrow();
    }

    private static double memoryLimit(StatefulSet db) {
        return bytes(db.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits()
                .get("memory"));
    }

    private static double diskPerMember(StatefulSet db) {
        return bytes(db.getSpec().getVolumeClaimTemplates().get(0).getSpec().getResources().getRequests()
                .get("storage"));
    }

    private static double bytes(Quantity quantity) {
        return Quantity.getAmountInBytes(quantity).doubleValue();
    }

    @Test
    void devRunsOneReplicaOfEachService() {
        List<ObjectNode> documents = Manifests.render("dev");
        for (String service : Manifests.SERVICES) {
            assertThat(Manifests.as(Manifests.one(documents, "Deployment", service), Deployment.class).getSpec()
                    .getReplicas()).isEqualTo(1);
        }
        assertThat(Manifests.ofKind(documents, "HorizontalPodAutoscaler")).isEmpty();
    }
}
