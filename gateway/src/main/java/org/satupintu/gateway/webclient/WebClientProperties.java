package org.satupintu.gateway.webclient;

import java.net.URI;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the web client needs to know to sign people in, served as {@code /config.json} so the same assets work
 * locally and in production.
 *
 * @param issuerUri the realm's public address as browsers reach it (by default the issuer the gateway checks)
 * @param clientId the public client the browser signs in with (authorization code + PKCE)
 * @param offices the regional offices an applicant may file with (there is no office API yet)
 */
@ConfigurationProperties("satupintu.web")
public record WebClientProperties(URI issuerUri, @DefaultValue("satupintu-web") String clientId,
        @DefaultValue({"SULUT-MANADO", "SULUT-BITUNG"}) List<String> offices) {

    /** {@code http://localhost:8180} of {@code http://localhost:8180/realms/satupintu}. */
    public String keycloakUrl() {
        String path = issuerUri.getPath();
        int realms = path.indexOf("/realms/");
        String base = realms < 0 ? "" : path.substring(0, realms);
        return origin() + base;
    }

    public String realm() {
        String path = issuerUri.getPath();
        int realms = path.indexOf("/realms/");
        return realms < 0 ? "" : path.substring(realms + "/realms/".length()).replaceAll("/+$", "");
    }

    /** Scheme, host and port only: what the Content-Security-Policy names. */
    public String origin() {
        return issuerUri.getScheme() + "://" + issuerUri.getRawAuthority();
    }
}
