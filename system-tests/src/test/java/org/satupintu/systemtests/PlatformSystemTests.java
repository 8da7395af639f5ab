package org.satupintu.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.satupintu.local.Platform;
import org.satupintu.testsupport.ApiClient;
import org.satupintu.testsupport.ResourceServerAssertions;

/** The foundation's promise: the platform comes up as separate processes and answers through the gateway. */
class PlatformSystemTests {

    private final Platform platform = RunningPlatform.get();
    private final ApiClient gateway = new ApiClient(platform.gatewayUrl());

    @Test
    void gatewayAndEveryServiceReportHealthy() {
        assertThat(gateway.get("/actuator/health", null).status()).isEqualTo(200);
        for (String module : Platform.SERVICES) {
            ApiClient direct = new ApiClient(platform.service(module).url());
            assertThat(direct.get("/actuator/health/readiness", null).status()).as(module).isEqualTo(200);
        }
    }

    @Test
    void everyServiceAnswersAnApplicantThroughTheGateway() {
        String ani = RunningPlatform.token("ani");
        for (String path : List.of("/api/applications", "/api/documents?applicationId=none",
                "/api/notifications?unread=true")) {
            ApiClient.Response response = gateway.get(path, ani);
            assertThat(response.status()).as(path + " " + response.body()).isEqualTo(200);
            assertThat(response.header("X-Request-Id")).isNotBlank();
        }
    }

    @Test
    void officeStaffAndRegionalSystemsAreAccepted() {
        assertThat(gateway.get("/api/applications", RunningPlatform.token("budi")).status()).isEqualTo(200);
        assertThat(gateway.get("/api/applications", RunningPlatform.clientToken("office-sulut-manado",
                "dev-secret-manado")).status()).isEqualTo(200);
    }

    @Test
    void anonymousAndForgedCallsGetProblemJson401() {
        ResourceServerAssertions.assertRejectsBadTokens(gateway, "/api/applications", RunningPlatform.token("eko"));
    }

    @Test
    void eachServiceRunsInItsOwnProcess() {
        List<Long> pids = Platform.SERVICES.stream().map(m -> platform.service(m).process().pid()).distinct().toList();
        assertThat(pids).hasSize(4).doesNotContain(ProcessHandle.current().pid());
    }
}
