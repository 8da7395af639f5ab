package org.satupintu.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;

/** What production adds: replicas, spreading, disruption budgets, autoscaling. */
class ProductionOverlayTests {

    @Test
    void everyServiceRunsTwiceSpreadOverNodesWithADisruptionBudgetAndAnAutoscaler() {
        List<ObjectNode> documents = Manifests.render("production");
        for (String service : Manifests.SERVICES) {
            Deployment deployment = Manifests.as(Manifests.one(documents, "Deployment", service), Deployment.class);
            var labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            // The autoscaler owns the count; a replicas field would be reapplied by every `kubectl apply`.
            assertThat(deployment.getSpec().getReplicas()).as("%s replicas left to its HPA", service).isNull();

            var pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(pod.getTopologySpreadConstraints()).as("%s spread", service).anySatisfy(c -> {
                assertThat(c.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
                assertThat(c.getWhenUnsatisfiable()).isEqualTo("DoNotSchedule");
                assertThat(Reachability.matches(c.getLabelSelector(), labels)).isTrue();
            });
            assertThat(pod.getTopologySpreadConstraints()).anySatisfy(c ->
                    assertThat(c.getTopologyKey()).isEqualTo("topology.kubernetes.io/zone"));
            pod.getTopologySpreadConstraints().forEach(c -> assertThat(Reachability.matches(c.getLabelSelector(),
                    labels)).as("%s spreads its own pods", service).isTrue());
            assertThat(pod.getAffinity().getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution())
                    .anySatisfy(term -> assertThat(Reachability.matches(term.getPodAffinityTerm().getLabelSelector(),
                            labels)).isTrue());

            List<PodDisruptionBudget> budgets = Manifests.ofKind(documents, "PodDisruptionBudget").stream()
                    .map(d -> Manifests.as(d, PodDisruptionBudget.class))
                    .filter(b -> Reachability.matches(b.getSpec().getSelector(), labels)).toList();
            List<HorizontalPodAutoscaler> scalers = Manifests.ofKind(documents, "HorizontalPodAutoscaler").stream()
                    .map(d -> Manifests.as(d, HorizontalPodAutoscaler.class))
                    .filter(h -> h.getSpec().getScaleTargetRef().getName().equals(service)).toList();
            assertThat(scalers).as("%s autoscaler", service).hasSize(1);
            int minReplicas = scalers.get(0).getSpec().getMinReplicas();
            assertThat(budgets).as("%s disruption budget", service).singleElement().satisfies(b ->
                    assertThat(b.getSpec().getMinAvailable().getIntVal()).isBetween(1, minReplicas - 1));
            assertThat(scalers).singleElement().satisfies(h -> {
                assertThat(h.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
                assertThat(h.getSpec().getScaleTargetRef().getApiVersion()).isEqualTo("apps/v1");
                assertThat(h.getSpec().getMinReplicas()).as("%s runs at least twice", service)
                        .isGreaterThanOrEqualTo(2);
                // More consumers than partitions would idle: a group uses at most one member per partition.
                assertThat(h.getSpec().getMaxReplicas()).isBetween(h.getSpec().getMinReplicas(), 6);
                assertThat(h.getSpec().getMetrics()).isNotEmpty();
            });
            // The HPA scales on CPU utilisation, which needs a CPU request.
            assertThat(pod.getContainers().get(0).getResources().getRequests()).containsKey("cpu");
        }
        assertThat(Manifests.as(Manifests.one(documents, "PodDisruptionBudget", "mongodb"), PodDisruptionBudget.class)
                .getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
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
