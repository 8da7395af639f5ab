package org.satupintu.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Assumptions;

/** Renders the overlays with {@code kubectl kustomize} and reads the documents it prints. */
final class Manifests {

    /** The overlays a province can apply; every test that renders runs on each. */
    static final List<String> OVERLAYS = List.of("dev", "province", "national");

    static final List<String> SERVICES = List.of("gateway", "application-service", "document-service",
            "notification-service");

    static final YAMLMapper YAML = YAMLMapper.builder(new YAMLFactory()).build();

    /** Reads documents into the Strimzi and fabric8 model classes; strictness comes from {@link CrdSchema}. */
    static final ObjectMapper MODEL = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private static final Map<String, List<ObjectNode>> RENDERED = new ConcurrentHashMap<>();

    private Manifests() {
    }

    /** This module's folder (deploy/k8s): Surefire runs the tests there. */
    static Path moduleDir() {
        Path dir = Path.of("").toAbsolutePath();
        if (!Files.isRegularFile(dir.resolve("base/kustomization.yaml"))) {
            throw new IllegalStateException("Not run from deploy/k8s: " + dir);
        }
        return dir;
    }

    static Path repoRoot() {
        return moduleDir().resolve("../..").normalize();
    }

    /**
     * The kubectl on the PATH (or /usr/bin, /usr/local/bin), if any; {@code -Dkubectl=/path/to/kubectl} names one,
     * {@code -Dkubectl=none} acts as if there were none.
     */
    static Optional<Path> kubectl() {
        String chosen = System.getProperty("kubectl");
        if (chosen != null && !chosen.isBlank()) {
            return chosen.equals("none") ? Optional.empty() : Optional.of(Path.of(chosen)).filter(Files::isExecutable);
        }
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                candidates.add(Path.of(dir, "kubectl"));
            }
        }
        candidates.add(Path.of("/usr/bin/kubectl"));
        candidates.add(Path.of("/usr/local/bin/kubectl"));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /** The documents of {@code kubectl kustomize overlays/<overlay>}; skips the test where kubectl is missing. */
    static List<ObjectNode> render(String overlay) {
        Optional<Path> kubectl = kubectl();
        Assumptions.assumeTrue(kubectl.isPresent(),
                "no kubectl here (none on the PATH, or -Dkubectl=none): the overlays cannot be rendered, so the "
                        + "checks of the rendered manifests are skipped; install kubectl to run them");
        return RENDERED.computeIfAbsent(overlay, o -> parseAll(run(kubectl.get().toString(), "kustomize",
                moduleDir().resolve("overlays").resolve(o).toString())));
    }

    static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Timed out: " + String.join(" ", command));
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "):\n"
                        + text);
            }
            return text;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every YAML document of the text, each of which must be a mapping; empty documents are left out. */
    static List<ObjectNode> parseAll(String yaml) {
        List<ObjectNode> documents = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(yaml)) {
            var iterator = YAML.readValues(parser, JsonNode.class);
            while (iterator.hasNext()) {
                JsonNode node = iterator.next();
                if (node == null || node.isNull() || node.isMissingNode()) {
                    continue;
                }
                if (!node.isObject()) {
                    throw new IllegalArgumentException("A document is not a mapping: " + node);
                }
                documents.add((ObjectNode) node);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String kind(JsonNode document) {
        return document.path("kind").asText();
    }

    static String name(JsonNode document) {
        return document.path("metadata").path("name").asText();
    }

    static String id(JsonNode document) {
        return kind(document) + "/" + name(document);
    }

    static List<ObjectNode> ofKind(List<ObjectNode> documents, String kind) {
        return documents.stream().filter(d -> kind(d).equals(kind)).toList();
    }

    static ObjectNode one(List<ObjectNode> documents, String kind, String name) {
        List<ObjectNode> found = documents.stream().filter(d -> kind(d).equals(kind) && name(d).equals(name))
                .toList();
        if (found.size() != 1) {
            throw new AssertionError("Expected one " + kind + "/" + name + ", found " + found.size());
        }
        return found.get(0);
    }

    static <T> T as(JsonNode document, Class<T> type) {
        try {
            return MODEL.treeToValue(document, type);
        }
        catch (IOException e) {
            throw new AssertionError(id(document) + " does not read as " + type.getName() + ": " + e.getMessage(), e);
        }
    }
}
