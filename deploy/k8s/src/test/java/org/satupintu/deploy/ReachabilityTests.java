package org.satupintu.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The NetworkPolicy evaluation on small cases, including the mistakes it must expose. */
class ReachabilityTests {

    private static final String WORKLOADS = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: gateway}
            spec:
              selector: {matchLabels: {app: gateway}}
              template: {metadata: {labels: {app: gateway}}, spec: {containers: [{name: c, image: i:1}]}}
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: mongodb}
            spec:
              selector: {matchLabels: {app: mongodb}}
              template: {metadata: {labels: {app: mongodb}}, spec: {containers: [{name: c, image: i:1}]}}
            """;

    private static Reachability with(String policies) {
        List<ObjectNode> documents = Manifests.parseAll(WORKLOADS + "---\n" + policies);
        return Reachability.of(documents);
    }

    @Test
    void aPodNoPolicySelectsIsOpenToEveryone() {
        Reachability net = with("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: only-gateway}
                spec:
                  podSelector: {matchLabels: {app: gateway}}
                  policyTypes: [Ingress]
                """);
        assertThat(net.sourcesOfWorkload("gateway")).isEmpty();
        assertThat(net.sourcesOfWorkload("mongodb")).containsExactlyInAnyOrder(Reachability.OUTSIDE, "gateway",
                "mongodb");
    }

    @Test
    void anEmptyNamespaceSelectorOpensThePodToEveryNamespace() {
        Reachability net = with("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: deny}
                spec: {podSelector: {}, policyTypes: [Ingress]}
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: mongodb}
                spec:
                  podSelector: {matchLabels: {app: mongodb}}
                  ingress:
                    - from:
                        - podSelector: {matchExpressions: [{key: app, operator: In, values: [gateway]}]}
                        - namespaceSelector: {}
                """);
        assertThat(net.sourcesOfWorkload("mongodb")).containsExactlyInAnyOrder("gateway", "namespaces{}");
        assertThat(net.sourcesOfWorkload("gateway")).isEmpty();
    }
}
