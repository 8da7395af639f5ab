package org.satupintu.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The checks every OAuth2 resource server of the platform must pass against real Keycloak tokens: no token, a
 * forged signature, an alg-none token and a token for another audience are all 401 problem JSON.
 */
public final class ResourceServerAssertions {

    private ResourceServerAssertions() {
    }

    public static void assertUnauthorizedProblem(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("status").asInt()).isEqualTo(401);
        assertThat(response.json().path("code").asString()).isEqualTo("unauthorized");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.");
    }

    public static void assertRejectsBadTokens(ApiClient api, String path, String validToken) {
        assertUnauthorizedProblem(api.get(path, null));
        assertUnauthorizedProblem(api.get(path, "not-a-jwt"));
        assertUnauthorizedProblem(api.get(path, tamperedPayload(validToken)));
        assertUnauthorizedProblem(api.get(path, algNone(validToken)));
        assertUnauthorizedProblem(api.get(path, validToken.substring(0, validToken.lastIndexOf('.') + 1) + "AAAA"));
    }

    /** Same header and signature, payload with a different subject: the signature no longer matches. */
    public static String tamperedPayload(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replaceFirst("\"sub\":\"[^\"]*\"", "\"sub\":\"someone-else\"");
        return parts[0] + "." + b64(payload) + "." + parts[2];
    }

    /** The classic downgrade: header alg none, no signature. */
    public static String algNone(String token) {
        String[] parts = token.split("\\.");
        return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
