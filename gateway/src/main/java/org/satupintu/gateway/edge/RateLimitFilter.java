package org.satupintu.gateway.edge;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.satupintu.support.problem.ProblemCode;
import org.satupintu.gateway.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Rate limits per client with Resilience4j: per token subject for signed-in calls, per client IP for anonymous
 * (public) calls, an IPv6 client per /64 and behind configured proxies by {@code X-Forwarded-For} (see
 * {@link ClientAddress}); over the limit answers 429 problem JSON with {@code Retry-After}.
 *
 * <p>Trade-off: the counters live in each gateway replica's memory, so with N replicas behind a round-robin load
 * balancer a client gets up to N times the configured rate. That keeps the edge free of a shared store (no Redis
 * to run for a regency's office) and is a fair bound for abuse protection; set the per-replica limit to the wanted
 * total divided by the replica count, or use sticky routing by client, where it must be exact.
 *
 * <p>Runs after Spring Security (which is a WebFilter at order -100) so the authenticated subject is known.
 */
@Component
class RateLimitFilter implements WebFilter {

    private static final int MAX_CLIENTS = 100_000;

    private final RateLimiterConfig apiConfig;
    private final RateLimiterConfig publicConfig;
    private final java.time.Duration period;
    private final Map<String, RateLimiter> limiters = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RateLimiter> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    private final Map<String, Counter> decisions = new java.util.concurrent.ConcurrentHashMap<>();
    private final MeterRegistry metrics;
    private final ClientAddress clients;

    RateLimitFilter(EdgeProperties properties, MeterRegistry metrics) {
        this.metrics = metrics;
        this.clients = new ClientAddress(properties.trustedProxies());
        this.apiConfig = config(properties.apiLimit(), properties);
        this.publicConfig = config(properties.publicLimit(), properties);
        this.period = properties.period();
    }

    private static RateLimiterConfig config(int limit, EdgeProperties properties) {
        return RateLimiterConfig.custom().limitForPeriod(limit).limitRefreshPeriod(properties.period())
                .timeoutDuration(java.time.Duration.ZERO).build();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        if (!path.startsWith("/api/")) {
            return chain.filter(exchange);
        }
        return exchange.getPrincipal().map(this::keyOf).defaultIfEmpty("ip:" + ip(exchange)).flatMap(key -> {
            RateLimiter limiter = limiter(key);
            String limit = key.startsWith("ip:") ? "public" : "api";
            if (limiter.acquirePermission()) {
                count(limit, "permitted");
                return chain.filter(exchange);
            }
            count(limit, "limited");
            long waitNanos = limiter instanceof AtomicRateLimiter atomic
                    ? Math.max(atomic.getDetailedMetrics().getNanosToWait(), 1_000_000_000L)
                    : period.toNanos();
            exchange.getResponse().getHeaders().set("Retry-After",
                    String.valueOf((long) Math.ceil(waitNanos / 1_000_000_000.0)));
            return Problems.write(exchange, ProblemCode.RATE_LIMITED,
                    "Too many requests; retry after the time in Retry-After.");
        });
    }

    /**
     * {@code satupintu_gateway_rate_limit_total{limit="api|public",outcome="permitted|limited"}}: per limit class,
     * not per client, so the metric's size does not grow with the number of clients.
     */
    private void count(String limit, String outcome) {
        decisions.computeIfAbsent(limit + outcome, k -> Counter.builder("satupintu.gateway.rate.limit")
                .description("Requests checked by the edge rate limiter").tag("limit", limit).tag("outcome", outcome)
                .register(metrics)).increment();
    }

    private String keyOf(java.security.Principal principal) {
        if (principal instanceof JwtAuthenticationToken jwt) {
            return "sub:" + jwt.getToken().getSubject();
        }
        return principal instanceof Authentication a ? "name:" + a.getName() : "name:" + principal.getName();
    }

    private RateLimiter limiter(String key) {
        synchronized (limiters) {
            return limiters.computeIfAbsent(key,
                    k -> RateLimiter.of(k, k.startsWith("ip:") ? publicConfig : apiConfig));
        }
    }

    /** The anonymous client's bucket: its address (IPv6 per /64), through trusted proxies only. */
    private String ip(ServerWebExchange exchange) {
        return ClientAddress.bucket(clients.of(exchange.getRequest()));
    }
}
