package org.satupintu.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A platform that cannot start says why and leaves no process behind (Keycloak and Kafka start in background). */
class PlatformStartFailureIntegrationTests {

    @TempDir
    Path checkout;

    @Test
    void aMissingServiceJarFailsTheStartAndStopsEverythingAlreadyStarted() throws IOException {
        Path repoRoot = Path.of("").toAbsolutePath().getParent();
        Files.createDirectories(checkout.resolve("infra/keycloak"));
        Files.copy(repoRoot.resolve("infra/keycloak/satupintu-realm.json"),
                checkout.resolve("infra/keycloak/satupintu-realm.json"));
        Platform.Config config = new Platform.Config(checkout, checkout.resolve("work"), Ports.free(), null,
                KeycloakServer.defaultCacheDir(), ServiceProcess.DEFAULT_JAVA_OPTIONS, Map.of());

        assertThatThrownBy(() -> Platform.start(config)).hasMessageContaining("application-service.jar")
                .hasMessageContaining("./mvnw");

        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList()).isEmpty();
    }
}
