package org.satupintu.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The environment the manifests give each service against what the service reads (its application.yml
 * placeholders, Spring's relaxed binding of its dependencies): a renamed or misspelt variable fails here, not in a
 * province's cluster.
 */
class ServiceEnvironmentTests {

    /** The variables of the container (envFrom ConfigMaps, then env); a Secret reference reads secret:NAME/KEY. */
    static Map<String, String> environment(List<ObjectNode> documents, Deployment deployment) {
        Map<String, String> env = new LinkedHashMap<>();
        Container c = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        if (c.getEnvFrom() != null) {
            for (var from : c.getEnvFrom()) {
                if (from.getConfigMapRef() != null) {
                    env.putAll(Manifests.as(Manifests.one(documents, "ConfigMap", from.getConfigMapRef().getName()),
                            ConfigMap.class).getData());
                }
            }
        }
        if (c.getEnv() != null) {
            for (EnvVar e : c.getEnv()) {
                if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                    env.put(e.getName(), "secret:" + e.getValueFrom().getSecretKeyRef().getName() + "/"
                            + e.getValueFrom().getSecretKeyRef().getKey());
                }
                else {
                    env.put(e.getName(), e.getValue());
                }
            }
        }
        return env;
    }

    private static Map<String, ConfigMap> configMaps(List<ObjectNode> documents) {
        Map<String, ConfigMap> maps = new LinkedHashMap<>();
        for (ObjectNode d : Manifests.ofKind(documents, "ConfigMap")) {
            maps.put(Manifests.name(d), Manifests.as(d, ConfigMap.class));
        }
        return maps;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "province", "national"})
    void everyVariableSetIsOneTheServiceReads(String overlay) {
        List<ObjectNode> documents = Manifests.render(overlay);
        List<String> violations = new ArrayList<>();
        for (String service : Manifests.SERVICES) {
            CodeFacts.ServiceFacts facts = CodeFacts.of(service);
            assertThat(facts.placeholders()).as("%s's placeholders were found", service).contains("SERVER_PORT",
                    "KEYCLOAK_ISSUER_URI");
            violations.addAll(ManifestRules.environmentViolations(service,
                    Manifests.one(documents, "Deployment", service), configMaps(documents), facts));
        }
        assertThat(violations).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "province", "national"})
    void theServicesListenOnThePodAddressAndFindEachOther(String overlay) {
        List<ObjectNode> documents = Manifests.render(overlay);
        for (String service : Manifests.SERVICES) {
            Deployment deployment = Manifests.as(Manifests.one(documents, "Deployment", service), Deployment.class);
            Map<String, String> env = environment(documents, deployment);
            // The services bind 127.0.0.1 by default; profile docker (or SERVER_ADDRESS) binds the pod's address.
            assertThat("docker".equals(env.get("SPRING_PROFILES_ACTIVE")) || "0.0.0.0".equals(env.get(
                    "SERVER_ADDRESS"))).as("%s listens beyond loopback", service).isTrue();
            int port = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().get(0)
                    .getContainerPort();
            assertThat(env.get("SERVER_PORT")).as("%s's SERVER_PORT", service).isEqualTo(String.valueOf(port));
            // Every in-cluster URL names a Service of the manifests on one of its ports.
            for (var e : env.entrySet()) {
                if (e.getKey().endsWith("_SERVICE_URL") || e.getKey().equals("KEYCLOAK_JWK_SET_URI")) {
                    URI uri = URI.create(e.getValue());
                    String host = uri.getHost();
                    if (host.equals("satupintu-keycloak-service")) {
                        // Made by the Keycloak operator from Keycloak satupintu-keycloak (HTTP on 8080).
                        assertThat(uri.getPort()).isEqualTo(8080);
                        continue;
                    }
                    Service target = Manifests.as(Manifests.one(documents, "Service", host), Service.class);
                    assertThat(target.getSpec().getPorts()).as("%s of %s", e.getKey(), service)
                            .anySatisfy(p -> assertThat(p.getPort()).isEqualTo(uri.getPort()));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "province", "national"})
    void eachServiceWithADatabaseUsesItsOwnMongoDbUserOnTheReplicaSet(String overlay) {
        List<ObjectNode> documents = Manifests.render(overlay);
        for (String service : List.of("application-service", "document-service", "notification-service")) {
            Map<String, String> env = environment(documents, Manifests.as(Manifests.one(documents, "Deployment",
                    service), Deployment.class));
            assertThat(env.get("MONGODB_URI")).isEqualTo("secret:satupintu-mongodb-" + service + "/uri");
            String database = env.get("MONGODB_DATABASE");
            assertThat(database).startsWith("satupintu-");
            // The example the operator copies points at all members of the replica set and at this database.
            String example = Manifests.read(Manifests.moduleDir().resolve("secrets/satupintu-mongodb-" + service
                    + ".env.example"));
            String uri = example.lines().filter(l -> l.startsWith("uri=")).findFirst().orElseThrow().substring(4);
            assertThat(uri).contains("mongodb-0.mongodb-headless:27017", "mongodb-1.mongodb-headless:27017",
                    "mongodb-2.mongodb-headless:27017", "/" + database + "?", "replicaSet=rs0",
                    "authSource=" + database);
            // ... and the init Job creates that user on that database.
            String script = Manifests.read(Manifests.moduleDir().resolve("base/mongodb/init-replica-set.js"));
            assertThat(script).contains("user: '" + service + "', db: '" + database + "'");
        }
        Map<String, String> gateway = environment(documents, Manifests.as(Manifests.one(documents, "Deployment",
                "gateway"), Deployment.class));
        assertThat(gateway).doesNotContainKey("MONGODB_URI");
    }

    /**
     * document-service does not start without its keystore outside the dev profile: the files SIGNING_KEYSTORE_PATH
     * and SIGNING_KEYSTORE_PASSWORD_FILE name must be mounted, from the keys of Secret satupintu-signing that
     * README.md tells the operator to create (signing.p12, password), and the dev profile must not be active.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "province", "national"})
    void documentServiceMountsTheKeystoreAndPasswordItIsToldToRead(String overlay) {
        List<ObjectNode> documents = Manifests.render(overlay);
        Deployment deployment = Manifests.as(Manifests.one(documents, "Deployment", "document-service"),
                Deployment.class);
        Map<String, String> env = environment(documents, deployment);
        assertThat(env.get("SPRING_PROFILES_ACTIVE")).doesNotContain("dev");
        var pod = deployment.getSpec().getTemplate().getSpec();
        for (String variable : List.of("SIGNING_KEYSTORE_PATH", "SIGNING_KEYSTORE_PASSWORD_FILE")) {
            String file = env.get(variable);
            var mount = pod.getContainers().get(0).getVolumeMounts().stream()
                    .filter(m -> file.startsWith(m.getMountPath() + "/")).findFirst()
                    .orElseThrow(() -> new AssertionError(variable + " " + file + " is not mounted"));
            var volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                    .orElseThrow();
            assertThat(volume.getSecret().getSecretName()).isEqualTo("satupintu-signing");
            assertThat(volume.getSecret().getItems()).as("%s is a key of the Secret", variable).anySatisfy(item ->
                    assertThat(mount.getMountPath() + "/" + item.getPath()).isEqualTo(file));
        }
        String readme = Manifests.read(Manifests.moduleDir().resolve("README.md"));
        for (var item : pod.getVolumes().stream().filter(v -> v.getSecret() != null
                && v.getSecret().getSecretName().equals("satupintu-signing")).findFirst().orElseThrow().getSecret()
                .getItems()) {
            assertThat(readme).as("README tells the operator to create key %s", item.getKey())
                    .contains("--from-file=" + item.getKey() + "=");
        }
    }
}
