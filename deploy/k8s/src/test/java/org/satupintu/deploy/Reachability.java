package org.satupintu.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * Who may open a connection to whom under the NetworkPolicies of one namespace, computed the way Kubernetes
 * combines them: a pod selected by no policy is open to all; a pod selected by one or more policies accepts what
 * any of their ingress rules allows. The workloads' pod template labels stand for their pods. A source outside the
 * namespace reads {@code namespaces{labels}} (pods of the namespaces with those labels, {@code {}} = every
 * namespace), {@code ipBlock:CIDR}, or {@link #OUTSIDE} (anything at all).
 */
final class Reachability {

    static final String OUTSIDE = "(outside the namespace)";

    private final Map<String, Map<String, String>> podLabels;
    private final List<NetworkPolicy> policies;

    Reachability(Map<String, Map<String, String>> podLabels, List<NetworkPolicy> policies) {
        this.podLabels = podLabels;
        this.policies = policies;
    }

    /** From the rendered documents: Deployments, StatefulSets and Jobs by name, and the NetworkPolicies. */
    static Reachability of(List<? extends JsonNode> documents) {
        Map<String, Map<String, String>> labels = new LinkedHashMap<>();
        for (JsonNode d : documents) {
            switch (Manifests.kind(d)) {
                case "Deployment" -> labels.put(Manifests.name(d),
                        Manifests.as(d, Deployment.class).getSpec().getTemplate().getMetadata().getLabels());
                case "StatefulSet" -> labels.put(Manifests.name(d),
                        Manifests.as(d, StatefulSet.class).getSpec().getTemplate().getMetadata().getLabels());
                case "Job" -> labels.put(Manifests.name(d),
                        Manifests.as(d, Job.class).getSpec().getTemplate().getMetadata().getLabels());
                default -> {
                }
            }
        }
        List<NetworkPolicy> policies = Manifests.ofKind(documents.stream().map(d -> (com.fasterxml.jackson.databind
                .node.ObjectNode) d).toList(), "NetworkPolicy").stream().map(d -> Manifests.as(d, NetworkPolicy.class))
                .toList();
        return new Reachability(labels, policies);
    }

    /** The workloads (and possibly {@link #OUTSIDE}) that may connect to the pods with these labels. */
    Set<String> sourcesOf(Map<String, String> target) {
        Set<String> sources = new TreeSet<>();
        List<NetworkPolicy> selecting = policies.stream()
                // Without policyTypes a policy always governs ingress (and egress only if it has egress rules).
                .filter(p -> p.getSpec().getPolicyTypes() == null || p.getSpec().getPolicyTypes().isEmpty()
                        || p.getSpec().getPolicyTypes().contains("Ingress"))
                .filter(p -> matches(p.getSpec().getPodSelector(), target)).toList();
        if (selecting.isEmpty()) {
            sources.addAll(podLabels.keySet());
            sources.add(OUTSIDE);
            return sources;
        }
        for (NetworkPolicy policy : selecting) {
            List<NetworkPolicyIngressRule> rules = policy.getSpec().getIngress();
            if (rules == null) {
                continue;
            }
            for (NetworkPolicyIngressRule rule : rules) {
                if (rule.getFrom() == null || rule.getFrom().isEmpty()) {
                    sources.addAll(podLabels.keySet());
                    sources.add(OUTSIDE);
                    continue;
                }
                for (NetworkPolicyPeer peer : rule.getFrom()) {
                    if (peer.getNamespaceSelector() != null) {
                        var labels = peer.getNamespaceSelector().getMatchLabels();
                        var expressions = peer.getNamespaceSelector().getMatchExpressions();
                        String selected = labels == null ? "{}"
                                : new java.util.TreeMap<>(labels).toString().replace("=", ": ");
                        sources.add("namespaces" + selected + (expressions == null || expressions.isEmpty() ? ""
                                : " " + expressions));
                    }
                    else if (peer.getIpBlock() != null) {
                        sources.add("ipBlock:" + peer.getIpBlock().getCidr());
                    }
                    else if (peer.getPodSelector() != null) {
                        podLabels.forEach((name, labels) -> {
                            if (matches(peer.getPodSelector(), labels)) {
                                sources.add(name);
                            }
                        });
                    }
                }
            }
        }
        return sources;
    }

    Set<String> sourcesOfWorkload(String workload) {
        Map<String, String> labels = podLabels.get(workload);
        if (labels == null) {
            throw new AssertionError("No workload " + workload);
        }
        return sourcesOf(labels);
    }

    /** The workloads whose pods a selector picks (e.g. Strimzi's listener networkPolicyPeers). */
    Set<String> workloadsMatching(LabelSelector selector) {
        Set<String> names = new TreeSet<>();
        podLabels.forEach((name, labels) -> {
            if (matches(selector, labels)) {
                names.add(name);
            }
        });
        return names;
    }

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        Map<String, String> have = labels == null ? Map.of() : labels;
        if (selector.getMatchLabels() != null) {
            for (var e : selector.getMatchLabels().entrySet()) {
                if (!e.getValue().equals(have.get(e.getKey()))) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                String value = have.get(r.getKey());
                boolean ok = switch (r.getOperator()) {
                    case "In" -> value != null && r.getValues().contains(value);
                    case "NotIn" -> value == null || !r.getValues().contains(value);
                    case "Exists" -> have.containsKey(r.getKey());
                    case "DoesNotExist" -> !have.containsKey(r.getKey());
                    default -> throw new IllegalArgumentException("Unknown operator " + r.getOperator());
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }
}
