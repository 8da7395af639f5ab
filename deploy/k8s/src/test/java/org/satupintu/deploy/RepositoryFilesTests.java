package org.satupintu.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The files of deploy/k8s themselves: no secret value committed, secret files ignored, every Secret documented. */
class RepositoryFilesTests {

    private static List<Path> manifestFiles() throws IOException {
        Path module = Manifests.moduleDir();
        try (Stream<Path> files = Stream.concat(Files.walk(module.resolve("base")),
                Files.walk(module.resolve("overlays")))) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted()
                    .toList();
        }
    }

    @Test
    void everyCommittedManifestParsesAndHoldsNoSecretValue() throws IOException {
        List<Path> files = manifestFiles();
        assertThat(files).hasSizeGreaterThan(10);
        List<String> violations = new ArrayList<>();
        for (Path file : files) {
            for (ObjectNode document : Manifests.parseAll(Manifests.read(file))) {
                violations.addAll(ManifestRules.secretViolations(document));
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void secretFilesAreIgnoredByGitAndOnlyExamplesAreCommitted() throws IOException {
        Path secrets = Manifests.moduleDir().resolve("secrets");
        try (Stream<Path> files = Files.list(secrets)) {
            for (Path example : files.filter(f -> f.toString().endsWith(".env.example")).toList()) {
                for (String line : Manifests.read(example).lines().toList()) {
                    if (line.matches("^(password|authorization|secret)=.*")) {
                        assertThat(line).as("%s leaves the value empty", example.getFileName())
                                .matches("^[a-z]+=$");
                    }
                }
            }
        }
        Assumptions.assumeTrue(Files.isDirectory(Manifests.repoRoot().resolve(".git"))
                || Files.isRegularFile(Manifests.repoRoot().resolve(".git")), "not a git work tree");
        Assumptions.assumeTrue(Stream.of("/usr/bin/git", "/usr/local/bin/git").anyMatch(p -> Files.isExecutable(
                Path.of(p))), "git is not installed");
        String root = Manifests.repoRoot().toString();
        // check-ignore prints the paths it ignores (exit 1 when none, so ask for each in one call that cannot fail).
        String ignored = Manifests.run("git", "-C", root, "check-ignore", "--no-index", "--verbose",
                "--non-matching", "deploy/k8s/secrets/satupintu-mongodb-admin.env",
                "deploy/k8s/secrets/satupintu-mongodb-admin.env.example", "deploy/k8s/secrets/private-key.pem");
        assertThat(ignored.lines()).anySatisfy(l -> assertThat(l).matches("^\\S+:\\d+:\\S+\\s+deploy/k8s/secrets/"
                + "satupintu-mongodb-admin\\.env$"));
        assertThat(ignored.lines()).anySatisfy(l -> assertThat(l).matches("^::\\s+deploy/k8s/secrets/"
                + "satupintu-mongodb-admin\\.env\\.example$"));
        assertThat(ignored.lines()).anySatisfy(l -> assertThat(l).matches("^\\S+:\\d+:\\S+\\s+deploy/k8s/secrets/"
                + "private-key\\.pem$"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "province", "national"})
    void theReadmeSaysHowEveryReferencedSecretComesToBe(String overlay) {
        Set<String> secrets = new TreeSet<>();
        for (ObjectNode d : Manifests.render(overlay)) {
            collectSecretNames(d, secrets);
            if (Manifests.kind(d).equals("Keycloak")) {
                secrets.add(d.at("/spec/db/usernameSecret/name").asText());
                secrets.add(d.at("/spec/bootstrapAdmin/user/secret").asText());
            }
        }
        assertThat(secrets).contains("satupintu-mongodb-keyfile", "satupintu-signing", "keycloak-db",
                "satupintu-tls", "satupintu-kafka-cluster-ca-cert");
        String readme = Manifests.read(Manifests.moduleDir().resolve("README.md"));
        assertThat(secrets).allSatisfy(name -> assertThat(readme).as("README.md names Secret %s", name)
                .contains(name));
    }

    /** secretKeyRef names, secret volumes and TLS Secrets anywhere in the document. */
    private static void collectSecretNames(JsonNode node, Set<String> names) {
        if (node.isObject()) {
            if (node.has("secretKeyRef")) {
                names.add(node.path("secretKeyRef").path("name").asText());
            }
            if (node.has("secret") && node.path("secret").has("secretName")) {
                names.add(node.path("secret").path("secretName").asText());
            }
            if (node.has("secretRef") && node.path("secretRef").has("name")) {
                names.add(node.path("secretRef").path("name").asText());
            }
            if (node.has("secretName") && node.path("secretName").isTextual()) {
                names.add(node.path("secretName").asText());
            }
            node.elements().forEachRemaining(child -> collectSecretNames(child, names));
        }
        else if (node.isArray()) {
            node.elements().forEachRemaining(child -> collectSecretNames(child, names));
        }
    }
}
