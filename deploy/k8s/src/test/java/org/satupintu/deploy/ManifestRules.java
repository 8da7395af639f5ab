package org.satupintu.deploy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * The rules every rendered manifest must follow. Each method returns the violations it found (empty = fine), one
 * sentence each, so a failing test says what to fix; {@link ManifestRulesTests} feeds each rule a broken document.
 */
final class ManifestRules {

    static final String READINESS_PATH = "/actuator/health/readiness";
    static final String LIVENESS_PATH = "/actuator/health/liveness";

    /**
     * Environment variables that Spring Boot binds by relaxed binding although no {@code ${...}} placeholder names
     * them, with the dependency that brings the properties they bind. A name set on a service that lacks that
     * dependency is ignored by the service, so it is a violation (e.g. {@code SPRING_KAFKA_*} on the gateway, whose
     * ops view builds its own Kafka clients from {@code satupintu.ops.*}).
     */
    static final Map<String, String> RELAXED_BINDING = Map.of(
            "SPRING_PROFILES_ACTIVE", "spring-boot-starter",
            "SPRING_KAFKA_SECURITY_PROTOCOL", "spring-boot-starter-kafka",
            "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "spring-boot-starter-kafka",
            "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", "spring-boot-starter-kafka",
            "SPRING_KAFKA_SSL_TRUST_STORE_TYPE", "spring-boot-starter-kafka",
            "SPRING_KAFKA_SSL_TRUST_STORE_LOCATION", "spring-boot-starter-kafka",
            "SPRING_MAIL_USERNAME", "spring-boot-starter-mail",
            "SPRING_MAIL_PASSWORD", "spring-boot-starter-mail");

    /** Read by the JVM itself, whatever the service. */
    static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

    private ManifestRules() {
    }

    /** Rules of a Deployment, StatefulSet or Job: images, resources, security context, probes. */
    static List<String> workloadViolations(JsonNode document) {
        String id = Manifests.id(document);
        String kind = Manifests.kind(document);
        PodTemplateSpec template = switch (kind) {
            case "Deployment" -> Manifests.as(document, Deployment.class).getSpec().getTemplate();
            case "StatefulSet" -> Manifests.as(document, StatefulSet.class).getSpec().getTemplate();
            case "Job" -> Manifests.as(document, Job.class).getSpec().getTemplate();
            default -> throw new IllegalArgumentException("Not a workload: " + id);
        };
        boolean service = kind.equals("Deployment") && "service".equals(
                template.getMetadata().getLabels() == null ? null
                        : template.getMetadata().getLabels().get("app.kubernetes.io/component"));
        List<String> violations = new ArrayList<>();
        PodSpec pod = template.getSpec();
        if (pod.getSecurityContext() == null || !Boolean.TRUE.equals(pod.getSecurityContext().getRunAsNonRoot())) {
            violations.add(id + ": pod securityContext.runAsNonRoot must be true");
        }
        violations.addAll(restrictedPodViolations(id, pod));
        List<Container> all = new ArrayList<>(pod.getContainers());
        if (pod.getInitContainers() != null) {
            all.addAll(pod.getInitContainers());
        }
        for (Container c : all) {
            String where = id + " container " + c.getName();
            violations.addAll(imageViolations(where, c.getImage()));
            violations.addAll(resourceViolations(where, c));
            violations.addAll(containerSecurityViolations(where, c.getSecurityContext()));
        }
        for (Container c : pod.getContainers()) {
            String where = id + " container " + c.getName();
            if (!kind.equals("Job")) {
                if (c.getReadinessProbe() == null) {
                    violations.add(where + ": no readinessProbe");
                }
                if (c.getLivenessProbe() == null) {
                    violations.add(where + ": no livenessProbe");
                }
            }
            if (service) {
                violations.addAll(httpProbeViolations(where, "readinessProbe", c.getReadinessProbe(), READINESS_PATH,
                        c.getPorts()));
                violations.addAll(httpProbeViolations(where, "livenessProbe", c.getLivenessProbe(), LIVENESS_PATH,
                        c.getPorts()));
                if (!mountsEmptyDir(pod, c, "/tmp")) {
                    violations.add(where + ": read-only root filesystem but no emptyDir mounted at /tmp (the JVM and "
                            + "Tomcat write there)");
                }
            }
        }
        return violations;
    }

    /** Volume types the "restricted" Pod Security Standard allows. */
    private static final Set<String> RESTRICTED_VOLUMES = Set.of("configMap", "csi", "downwardAPI", "emptyDir",
            "ephemeral", "persistentVolumeClaim", "projected", "secret");

    /** The pod-level parts of the "restricted" Pod Security Standard (the container-level ones are checked below). */
    static List<String> restrictedPodViolations(String id, PodSpec pod) {
        List<String> violations = new ArrayList<>();
        if (Boolean.TRUE.equals(pod.getHostNetwork()) || Boolean.TRUE.equals(pod.getHostPID())
                || Boolean.TRUE.equals(pod.getHostIPC())) {
            violations.add(id + ": shares the host's network, PID or IPC namespace");
        }
        var seccomp = pod.getSecurityContext() == null ? null : pod.getSecurityContext().getSeccompProfile();
        if (seccomp == null || !Set.of("RuntimeDefault", "Localhost").contains(seccomp.getType())) {
            violations.add(id + ": pod securityContext.seccompProfile must be RuntimeDefault (or Localhost)");
        }
        if (pod.getVolumes() != null) {
            for (Volume volume : pod.getVolumes()) {
                JsonNode tree = Manifests.MODEL.valueToTree(volume);
                tree.fieldNames().forEachRemaining(field -> {
                    if (!field.equals("name") && !RESTRICTED_VOLUMES.contains(field)) {
                        violations.add(id + ": volume " + volume.getName() + " is a " + field
                                + " volume, which the restricted Pod Security Standard forbids");
                    }
                });
            }
        }
        List<Container> all = new ArrayList<>(pod.getContainers());
        if (pod.getInitContainers() != null) {
            all.addAll(pod.getInitContainers());
        }
        for (Container c : all) {
            if (c.getPorts() != null && c.getPorts().stream().anyMatch(p -> p.getHostPort() != null
                    && p.getHostPort() != 0)) {
                violations.add(id + " container " + c.getName() + ": uses a hostPort");
            }
        }
        return violations;
    }

    static List<String> imageViolations(String where, String image) {
        if (image == null || image.isBlank()) {
            return List.of(where + ": no image");
        }
        if (image.contains("@sha256:")) {
            return List.of();
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        if (colon <= slash) {
            return List.of(where + ": image " + image + " has no tag (means :latest); pin a version");
        }
        String tag = image.substring(colon + 1);
        if (tag.equals("latest")) {
            return List.of(where + ": image " + image + " uses :latest; pin a version");
        }
        // A version (0.1.0, 8.0, v1.2), not a moving name such as :stable or :main.
        if (!tag.matches("v?\\d+(\\.\\d+)*([-+._][A-Za-z0-9.]+)*")) {
            return List.of(where + ": image " + image + " has tag " + tag + ", not a version; pin a version");
        }
        return List.of();
    }

    static List<String> resourceViolations(String where, Container c) {
        List<String> violations = new ArrayList<>();
        Map<String, Quantity> requests = c.getResources() == null ? null : c.getResources().getRequests();
        Map<String, Quantity> limits = c.getResources() == null ? null : c.getResources().getLimits();
        for (String resource : List.of("cpu", "memory")) {
            if (requests == null || !requests.containsKey(resource)) {
                violations.add(where + ": no " + resource + " request");
            }
        }
        if (limits == null || !limits.containsKey("memory")) {
            violations.add(where + ": no memory limit");
        }
        else if (requests != null && requests.containsKey("memory") && Quantity.getAmountInBytes(limits.get("memory"))
                .compareTo(Quantity.getAmountInBytes(requests.get("memory"))) < 0) {
            violations.add(where + ": memory limit below its request");
        }
        return violations;
    }

    static List<String> containerSecurityViolations(String where, SecurityContext sc) {
        if (sc == null) {
            return List.of(where + ": no securityContext");
        }
        List<String> violations = new ArrayList<>();
        if (!Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
            violations.add(where + ": allowPrivilegeEscalation must be false");
        }
        if (!Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
            violations.add(where + ": readOnlyRootFilesystem must be true");
        }
        if (Boolean.TRUE.equals(sc.getPrivileged())) {
            violations.add(where + ": privileged");
        }
        if (sc.getCapabilities() == null || sc.getCapabilities().getDrop() == null
                || !sc.getCapabilities().getDrop().contains("ALL")) {
            violations.add(where + ": capabilities must drop ALL");
        }
        if (sc.getCapabilities() != null && sc.getCapabilities().getAdd() != null
                && !sc.getCapabilities().getAdd().isEmpty()) {
            violations.add(where + ": adds capabilities " + sc.getCapabilities().getAdd());
        }
        if (sc.getRunAsUser() != null && sc.getRunAsUser() == 0) {
            violations.add(where + ": runs as uid 0");
        }
        return violations;
    }

    private static List<String> httpProbeViolations(String where, String which, Probe probe, String path,
            List<ContainerPort> ports) {
        if (probe == null) {
            return List.of();
        }
        if (probe.getHttpGet() == null) {
            return List.of(where + ": " + which + " is not an HTTP GET of " + path);
        }
        List<String> violations = new ArrayList<>();
        if (!path.equals(probe.getHttpGet().getPath())) {
            violations.add(where + ": " + which + " asks " + probe.getHttpGet().getPath() + ", not " + path);
        }
        var port = probe.getHttpGet().getPort();
        boolean known = ports != null && ports.stream().anyMatch(p -> port != null
                && (port.getStrVal() != null ? port.getStrVal().equals(p.getName())
                        : port.getIntVal() != null && port.getIntVal().equals(p.getContainerPort())));
        if (!known) {
            violations.add(where + ": " + which + " port " + port + " is not a port of the container");
        }
        return violations;
    }

    private static boolean mountsEmptyDir(PodSpec pod, Container c, String path) {
        if (c.getVolumeMounts() == null || pod.getVolumes() == null) {
            return false;
        }
        for (VolumeMount mount : c.getVolumeMounts()) {
            if (path.equals(mount.getMountPath())) {
                for (Volume v : pod.getVolumes()) {
                    if (v.getName().equals(mount.getName()) && v.getEmptyDir() != null) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** A Secret in the manifests is a secret value in the repository: Secrets are made outside, referenced by name. */
    static List<String> secretViolations(JsonNode document) {
        if (!Manifests.kind(document).equals("Secret")) {
            return List.of();
        }
        List<String> violations = new ArrayList<>();
        for (String field : List.of("data", "stringData")) {
            if (document.path(field).isObject() && !document.path(field).isEmpty()) {
                violations.add(Manifests.id(document) + ": carries literal " + field + " " + fieldNames(
                        document.path(field)) + "; create the Secret outside the repository and reference it by name");
            }
        }
        return violations;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /**
     * The environment variable names a service's Deployment sets (env and envFrom ConfigMaps) that the service does
     * not read: neither a {@code ${NAME}} placeholder of its application.yml, nor a key of a map property of its
     * {@code @ConfigurationProperties} ({@link CodeFacts.ServiceFacts#bindsMapEntry}), nor a {@link #RELAXED_BINDING}
     * name its
     * dependencies bind. Also a profile that application.yml does not define.
     */
    static List<String> environmentViolations(String service, JsonNode deploymentDocument,
            Map<String, ConfigMap> configMaps, CodeFacts.ServiceFacts facts) {
        Deployment deployment = Manifests.as(deploymentDocument, Deployment.class);
        List<String> violations = new ArrayList<>();
        Container c = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, String> values = new java.util.LinkedHashMap<>();
        if (c.getEnvFrom() != null) {
            for (EnvFromSource from : c.getEnvFrom()) {
                if (from.getConfigMapRef() == null) {
                    violations.add(service + ": envFrom other than a ConfigMap (a Secret's keys cannot be checked)");
                    continue;
                }
                ConfigMap map = configMaps.get(from.getConfigMapRef().getName());
                if (map == null) {
                    violations.add(service + ": envFrom ConfigMap " + from.getConfigMapRef().getName()
                            + " is not in the manifests");
                    continue;
                }
                values.putAll(map.getData());
            }
        }
        if (c.getEnv() != null) {
            for (EnvVar env : c.getEnv()) {
                values.put(env.getName(), env.getValue());
            }
        }
        for (var entry : values.entrySet()) {
            String name = entry.getKey();
            if (facts.placeholders().contains(name) || JVM_VARIABLES.contains(name) || facts.bindsMapEntry(name)) {
                continue;
            }
            String dependency = RELAXED_BINDING.get(name);
            if (dependency == null) {
                violations.add(service + ": sets " + name + ", which its application.yml does not read");
            }
            else if (!facts.dependencies().contains(dependency)) {
                violations.add(service + ": sets " + name + ", which only " + dependency + " binds, and " + service
                        + " does not depend on it");
            }
        }
        String profiles = values.get("SPRING_PROFILES_ACTIVE");
        Set<String> setByProfiles = new LinkedHashSet<>();
        if (profiles != null) {
            for (String profile : profiles.split(",")) {
                if (!facts.profiles().contains(profile.trim())) {
                    violations.add(service + ": activates profile " + profile.trim()
                            + ", which its application.yml does not define");
                }
                setByProfiles.addAll(facts.profileProperties().getOrDefault(profile.trim(), Set.of()));
            }
        }
        // A loopback default (the local stack's address) left in place points the pod at itself.
        for (CodeFacts.Placeholder p : facts.defaults()) {
            if (p.loopbackDefault() && !values.containsKey(p.name()) && !setByProfiles.contains(p.property())) {
                violations.add(service + ": " + p.property() + " falls back to " + p.defaultValue() + "; set "
                        + p.name());
            }
        }
        return violations;
    }
}
