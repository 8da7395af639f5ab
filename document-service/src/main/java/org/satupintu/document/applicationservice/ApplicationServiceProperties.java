package org.satupintu.document.applicationservice;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where application-service is and how long to wait for it.
 *
 * @param url base URL, e.g. {@code http://127.0.0.1:8081}
 * @param timeout the time limit of one call (the circuit breaker's time limiter)
 * @param permitTypeCacheTtl how long permit-type rules are reused before asking again
 */
@ConfigurationProperties("satupintu.application-service")
public record ApplicationServiceProperties(@DefaultValue("http://127.0.0.1:8081") URI url,
        @DefaultValue("3s") Duration timeout, @DefaultValue("60s") Duration permitTypeCacheTtl) {
}
