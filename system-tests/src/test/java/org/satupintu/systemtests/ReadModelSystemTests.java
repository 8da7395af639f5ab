package org.satupintu.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.satupintu.local.Platform;
import org.satupintu.testsupport.ApiClient;
import tools.jackson.databind.JsonNode;

/**
 * The applicant's list, the office queue, the statistics and the inbox (all served from the services' read models)
 * follow every change, through the gateway with real tokens.
 */
class ReadModelSystemTests {

    private final Platform platform = RunningPlatform.get();
    private final ApiClient gateway = new ApiClient(platform.gatewayUrl());
    private final Fixtures fixtures = new Fixtures(gateway);

    @Test
    void listsTheOfficeQueueTheStatisticsAndTheInboxFollowEveryChange() {
        Fixtures.ensureCatalogType(gateway);
        String ani = Persona.OWNER.token();
        String budi = Persona.OFFICER.token();
        String citra = Persona.SUPERVISOR.token();
        long ownBefore = total(gateway.get("/api/applications?size=1", ani));
        JsonNode before = stats(citra);

        JsonNode first = fixtures.submitted(Persona.OWNER);
        JsonNode second = fixtures.submitted(Persona.OWNER);
        String firstId = first.path("id").asString();
        String secondId = second.path("id").asString();

        ApiClient.Response own = gateway.get("/api/applications?sort=createdAt,desc&size=2", ani);
        assertThat(ids(own)).containsExactly(secondId, firstId);
        assertThat(total(own)).isEqualTo(ownBefore + 2);
        assertThat(ids(gateway.get("/api/applications?sort=dueAt,asc&size=100&state=SUBMITTED", budi)))
                .contains(firstId, secondId);
        assertThat(delta(before, stats(citra), "SUBMITTED")).isEqualTo(2);

        fixtures.act(Persona.OFFICER, first, "assign", "{}");
        fixtures.act(Persona.OWNER, second, "withdraw", "{\"reason\":\"batal\"}");

        JsonNode after = stats(citra);
        assertThat(delta(before, after, "SUBMITTED")).isZero();
        assertThat(delta(before, after, "UNDER_REVIEW")).isEqualTo(1);
        assertThat(delta(before, after, "WITHDRAWN")).isEqualTo(1);
        assertThat(ids(gateway.get("/api/applications?state=WITHDRAWN&size=100", ani))).contains(secondId)
                .doesNotContain(firstId);
        assertThat(ids(gateway.get("/api/applications?state=UNDER_REVIEW&sort=dueAt,asc&size=100", budi)))
                .contains(firstId).doesNotContain(secondId);
        assertThat(total(gateway.get("/api/applications?size=1", ani))).isEqualTo(ownBefore + 2);

        // The office's in-app notification of the submission, then read: the unread total goes down by one.
        await().atMost(Duration.ofSeconds(60)).until(() -> gateway.get("/api/notifications?size=100&unread=true",
                budi).body().contains(firstId));
        long unreadBefore = total(gateway.get("/api/notifications?unread=true&size=1", budi));
        String notificationId = null;
        for (JsonNode n : gateway.get("/api/notifications?size=100&unread=true&sort=createdAt,desc", budi).json()
                .path("content")) {
            if (n.path("applicationId").asString().equals(firstId)) {
                notificationId = n.path("id").asString();
            }
        }
        assertThat(notificationId).isNotNull();
        assertThat(gateway.post("/api/notifications/" + notificationId + "/read", budi, "").status()).isEqualTo(204);
        assertThat(total(gateway.get("/api/notifications?unread=true&size=1", budi))).isEqualTo(unreadBefore - 1);
        assertThat(gateway.get("/api/notifications?unread=false&size=100", budi).body()).contains(notificationId);
    }

    private JsonNode stats(String token) {
        ApiClient.Response response = gateway.get("/api/applications/stats", token);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        for (JsonNode office : response.json().path("offices")) {
            if (office.path("officeCode").asString().equals(Fixtures.OFFICE)) {
                return office.path("byState");
            }
        }
        return response.json().path("byState");
    }

    private static long delta(JsonNode before, JsonNode after, String state) {
        return after.path(state).asLong() - before.path(state).asLong();
    }

    private static long total(ApiClient.Response page) {
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        return page.json().path("page").path("totalElements").asLong();
    }

    private static List<String> ids(ApiClient.Response page) {
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        page.json().path("content").forEach(a -> ids.add(a.path("id").asString()));
        return ids;
    }
}
