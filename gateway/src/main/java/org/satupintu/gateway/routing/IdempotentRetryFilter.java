package org.satupintu.gateway.routing;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.Set;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Retries a call whose connection failed before any answer came, on an instance chosen again by the load balancer
 * (the next one, round robin): a refused connection (an instance just killed or restarting, not yet taken out by
 * the health check) for any method, since the request never left the gateway; a connection closed before the
 * response (a stale pooled connection, a process killed mid-request) only for idempotent reads (GET, HEAD). Two
 * more attempts, 100 ms then 200 ms apart, all inside the route's breaker and time limit. Answers the service did
 * give are never retried (a 5xx is counted by the breaker instead).
 *
 * <p>Spring Cloud Gateway's own Retry filter is not used: on Spring Framework 7 it fails resetting read-only response
 * headers (spring-cloud-gateway#4270). This filter sits just before the load-balancer filter and only re-runs the
 * rest of the chain when no response exists yet, so there is nothing to reset.
 */
@Component
class IdempotentRetryFilter implements GlobalFilter, Ordered {

    static final int RETRIES = 2;
    private static final Set<HttpMethod> IDEMPOTENT_READS = Set.of(HttpMethod.GET, HttpMethod.HEAD);

    private final UnreachableInstances unreachable;

    IdempotentRetryFilter(UnreachableInstances unreachable) {
        this.unreachable = unreachable;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        // lb://<service>/path before the load balancer resolves it: each attempt chooses an instance again.
        URI routed = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
        boolean idempotent = IDEMPOTENT_READS.contains(exchange.getRequest().getMethod());
        return Mono.defer(() -> {
            ServerWebExchangeUtils.removeAlreadyRouted(exchange);
            if (routed != null) {
                exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, routed);
            }
            return chain.filter(exchange);
        }).doOnError(error -> {
            // The instance the load balancer chose (the URL it resolved to) did not answer: skip it for a while.
            URI chosen = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
            if (chosen != null && !"lb".equals(chosen.getScheme()) && connectionFailed(error)) {
                unreachable.failed(chosen);
            }
        }).retryWhen(Retry.backoff(RETRIES, Duration.ofMillis(100)).maxBackoff(Duration.ofMillis(400))
                .filter(error -> noAnswerYet(exchange, error, idempotent))
                .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }

    private static boolean noAnswerYet(ServerWebExchange exchange, Throwable error, boolean idempotent) {
        if (exchange.getResponse().isCommitted()
                || exchange.getAttribute(ServerWebExchangeUtils.CLIENT_RESPONSE_ATTR) != null) {
            return false;
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return true;
            }
            if (idempotent && cause instanceof reactor.netty.http.client.PrematureCloseException) {
                return true;
            }
        }
        return false;
    }

    private static boolean connectionFailed(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException
                    || cause instanceof reactor.netty.http.client.PrematureCloseException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int getOrder() {
        return ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER - 1;
    }
}
