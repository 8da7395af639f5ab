package org.satupintu.document.applicationservice;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where application-service is, how long to wait for it, and how document-service proves who it is when it asks on
 * its own behalf (no caller's token at hand, e.g. confirming an issuance on a consumer thread).
 *
 * @param url base URL of each instance, e.g. {@code http://127.0.0.1:8081}, or several comma-separated
 *        ({@code http://127.0.0.1:8081,http://127.0.0.1:8091}): calls take turns over them and a refused connection
 *        is tried on the next one. One address behind a load balancer (a Kubernetes Service) works as well.
 * @param timeout the time limit of one call (the circuit breaker's time limiter)
 * @param permitTypeCacheTtl how long permit-type rules are reused before asking again
 * @param tokenUri Keycloak's token endpoint for the client-credentials grant
 * @param clientId document-service's own confidential client (realm role {@code service})
 * @param clientSecret its secret, from the environment (never committed outside the dev realm)
 */
@ConfigurationProperties("satupintu.application-service")
public record ApplicationServiceProperties(@DefaultValue("http://127.0.0.1:8081") List<URI> url,
        @DefaultValue("3s") Duration timeout, @DefaultValue("60s") Duration permitTypeCacheTtl,
        @DefaultValue("http://localhost:8180/realms/satupintu/protocol/openid-connect/token") URI tokenUri,
        @DefaultValue("document-service") String clientId, @DefaultValue("") String clientSecret) {
}
