package org.satupintu.gateway.edge;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits enforced at the edge, before any downstream call.
 *
 * @param publicLimit requests per period for anonymous calls, per client IP
 * @param apiLimit requests per period for signed-in calls, per token subject (a person or an office system)
 * @param period the rate-limit window
 * @param maxJsonBody largest JSON (or other non-upload) body
 * @param maxUploadBody largest document upload (multipart to /api/documents)
 * @param trustedProxies CIDRs of the proxies in front of the gateway whose {@code X-Forwarded-For} is believed
 *        (none by default: the peer address counts)
 */
@ConfigurationProperties("satupintu.edge")
public record EdgeProperties(@DefaultValue("60") int publicLimit, @DefaultValue("600") int apiLimit,
        @DefaultValue("60s") Duration period, @DefaultValue("256KB") DataSize maxJsonBody,
        @DefaultValue("105MB") DataSize maxUploadBody, @DefaultValue({}) List<String> trustedProxies) {
}
