package org.satupintu.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.satupintu.testsupport.ApiClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The web client at {@code /}: its pages on every client route (a QR scan opens {@code /verify/...}), its settings,
 * strict headers on its files only, and the rest of the gateway unchanged. No Keycloak needed: the token decoder
 * is only asked when a token arrives.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebClientIntegrationTests {

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri",
                () -> "http://keycloak.example:8180/realms/satupintu");
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                () -> "http://127.0.0.1:9/realms/satupintu/protocol/openid-connect/certs");
    }

    @LocalServerPort
    int port;

    ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + port);
    }

    @Test
    void startPageAndEveryClientRouteAnswerTheOnePage() {
        for (String path : new String[] {"/", "/verify/PBG-SULUT-MANADO-2026-000042", "/catalog", "/catalog/PBG",
                "/applications", "/applications/abc-123", "/inbox", "/desk", "/desk/abc-123", "/stats", "/ops"}) {
            ApiClient.Response page = api().get(path, null);
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.contentType()).as(path).startsWith("text/html");
            assertThat(page.body()).as(path).contains("<div id=\"app\">", "src=\"/js/main.js\"")
                    .doesNotContain("<script>");
        }
    }

    @Test
    void everyPageAndAssetCarriesAStrictContentSecurityPolicy() {
        for (String path : new String[] {"/", "/verify/X-1", "/js/main.js", "/vendor/keycloak.js", "/config.json"}) {
            ApiClient.Response response = api().get(path, null);
            assertThat(response.status()).as(path).isEqualTo(200);
            String csp = response.header("Content-Security-Policy");
            assertThat(csp).as(path).contains("default-src 'none'", "script-src 'self';", "frame-ancestors 'none'",
                    "connect-src 'self' http://keycloak.example:8180", "object-src 'none'", "base-uri 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval");
            assertThat(response.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(response.header("X-Frame-Options")).as(path).isEqualTo("DENY");
            assertThat(response.header("Referrer-Policy")).as(path).isEqualTo("no-referrer");
        }
        assertThat(api().get("/js/main.js", null).contentType()).contains("javascript");
    }

    @Test
    void onlyTheSilentSessionCheckAndThePdfViewerMayBeFramedAndOnlyByTheClientItself() {
        for (String path : new String[] {"/silent-check-sso.html", "/pdf-frame.html"}) {
            ApiClient.Response response = api().get(path, null);
            assertThat(response.status()).as(path).isEqualTo(200);
            assertThat(response.header("Content-Security-Policy")).as(path).contains("frame-ancestors 'self'");
            assertThat(response.header("X-Frame-Options")).as(path).isEqualTo("SAMEORIGIN");
            assertThat(response.body()).as(path).doesNotContain("<script>");
        }
        assertThat(api().get("/", null).header("Content-Security-Policy")).contains("frame-ancestors 'none'");
    }

    @Test
    void theClientsCodeIsReadableByItsOpaqueOriginPdfFrameButTheApiIsNot() {
        assertThat(api().get("/vendor/pdf.min.js", null).header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(api().get("/js/pdf-frame.js", null).header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(api().get("/vendor/pdf.worker.min.js", null).contentType()).contains("javascript");
        assertThat(api().get("/", null).header("Access-Control-Allow-Origin")).isNull();
        assertThat(api().get("/api/applications", null, "Origin", "null").header("Access-Control-Allow-Origin"))
                .isNull();
    }

    @Test
    void configTellsTheClientWhereKeycloakIs() {
        ApiClient.Response config = api().get("/config.json", null);
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.json().path("keycloakUrl").asString()).isEqualTo("http://keycloak.example:8180");
        assertThat(config.json().path("realm").asString()).isEqualTo("satupintu");
        assertThat(config.json().path("clientId").asString()).isEqualTo("satupintu-web");
        assertThat(config.json().path("offices").get(0).asString()).isEqualTo("SULUT-MANADO");
    }

    @Test
    void libraryFilesAreVendoredWithoutBareImports() {
        ApiClient.Response hooks = api().get("/vendor/hooks.module.js", null);
        assertThat(hooks.status()).isEqualTo(200);
        assertThat(hooks.body()).contains("./preact.module.js").doesNotContain("from\"preact\"");
        assertThat(api().get("/i18n/id.json", null).json().path("auth.login").asString()).isEqualTo("Masuk");
    }

    @Test
    void filesAreSentGzippedToBrowsersThatAcceptIt() {
        ApiClient.Response zipped = api().get("/vendor/keycloak.js", null, "Accept-Encoding", "gzip");
        assertThat(zipped.status()).isEqualTo(200);
        assertThat(zipped.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(zipped.header("Content-Security-Policy")).contains("default-src 'none'");
        assertThat(api().get("/vendor/keycloak.js", null).header("Content-Encoding")).isNull();
    }

    @Test
    void theApiKeepsItsOwnAnswersAndHeaders() {
        ApiClient.Response api = api().get("/api/applications", null);
        assertThat(api.status()).isEqualTo(401);
        assertThat(api.contentType()).startsWith("application/problem+json");
        assertThat(api.header("Content-Security-Policy")).isNull();
        assertThat(api().get("/asyncapi.yaml", null).status()).isEqualTo(200);
        assertThat(api().get("/no-such-page", null).status()).isEqualTo(404);
    }
}
