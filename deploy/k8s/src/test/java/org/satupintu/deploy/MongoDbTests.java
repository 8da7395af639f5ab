package org.satupintu.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The MongoDB replica set: three members, keyfile auth from a Secret, a headless Service, the init Job's view. */
class MongoDbTests {

    @org.junit.jupiter.api.Test
    void theInitScriptIsValidJavaScript() {
        java.util.Optional<java.nio.file.Path> node = java.util.stream.Stream.of("/usr/bin/node", "/usr/local/bin/node")
                .map(java.nio.file.Path::of).filter(java.nio.file.Files::isExecutable).findFirst();
        org.junit.jupiter.api.Assumptions.assumeTrue(node.isPresent(),
                "node is not installed: the syntax of init-replica-set.js (run by mongosh) is not checked");
        // Syntax only: mongosh's globals (connect, sleep, print) exist only there.
        Manifests.run(node.get().toString(), "--check",
                Manifests.moduleDir().resolve("base/mongodb/init-replica-set.js").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "province", "national"})
    void threeMembersAuthenticatingWithAKeyfileBehindAHeadlessService(String overlay) {
        List<ObjectNode> documents = Manifests.render(overlay);
        StatefulSet mongodb = Manifests.as(Manifests.one(documents, "StatefulSet", "mongodb"), StatefulSet.class);
        assertThat(mongodb.getSpec().getReplicas()).isEqualTo(3);
        Container mongod = mongodb.getSpec().getTemplate().getSpec().getContainers().get(0);
        List<String> args = mongod.getArgs();
        assertThat(args.get(args.indexOf("--replSet") + 1)).isEqualTo("rs0");
        String keyFile = args.get(args.indexOf("--keyFile") + 1);
        // The keyfile comes from Secret satupintu-mongodb-keyfile, copied by the init container to the mounted path.
        var keyMount = mongod.getVolumeMounts().stream().filter(m -> keyFile.startsWith(m.getMountPath() + "/"))
                .findFirst().orElseThrow();
        var pod = mongodb.getSpec().getTemplate().getSpec();
        assertThat(pod.getVolumes()).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo(keyMount.getName());
            assertThat(v.getEmptyDir()).isNotNull();
        });
        assertThat(pod.getInitContainers()).singleElement().satisfies(init -> {
            var initMount = init.getVolumeMounts().stream().filter(m -> m.getName().equals(keyMount.getName()))
                    .findFirst().orElseThrow();
            String copied = initMount.getMountPath() + keyFile.substring(keyMount.getMountPath().length());
            assertThat(String.join(" ", init.getCommand())).contains("chmod 0400 " + copied);
        });
        assertThat(pod.getVolumes()).anySatisfy(v -> {
            assertThat(v.getSecret()).isNotNull();
            assertThat(v.getSecret().getSecretName()).isEqualTo("satupintu-mongodb-keyfile");
        });
        assertThat(mongodb.getSpec().getVolumeClaimTemplates()).singleElement()
                .satisfies(pvc -> assertThat(mongod.getVolumeMounts()).anySatisfy(m -> {
                    assertThat(m.getName()).isEqualTo(pvc.getMetadata().getName());
                    assertThat(m.getMountPath()).isEqualTo("/data/db");
                }));

        Service headless = Manifests.as(Manifests.one(documents, "Service", mongodb.getSpec().getServiceName()),
                Service.class);
        assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(headless.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(mongodb.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(headless.getSpec().getSelector());

        // The init script names exactly the StatefulSet's members, through the headless Service, in set rs0.
        String script = Manifests.read(Manifests.moduleDir().resolve("base/mongodb/init-replica-set.js"));
        Matcher members = Pattern.compile("'(mongodb-\\d)\\." + headless.getMetadata().getName() + ":27017'")
                .matcher(script);
        List<String> named = members.results().map(m -> m.group(1)).toList();
        assertThat(named).containsExactly("mongodb-0", "mongodb-1", "mongodb-2");
        assertThat(script).contains("_id: 'rs0'");
        ObjectNode job = Manifests.one(documents, "Job", "mongodb-init");
        assertThat(job.at("/spec/template/spec/containers/0/command").toString()).contains("init-replica-set.js");
    }
}
