package org.satupintu.gateway.routing;

import java.net.ConnectException;
import java.time.Duration;
import java.util.Set;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;
import reactor.util.retry.Retry;

/**
 * Retries idempotent reads (GET, HEAD) when the connection to the service failed before any answer came: refused
 * (a replica restarting) or closed before the response (a stale pooled connection, a process killed mid-request).
 * Two more attempts, 100 ms then 200 ms apart, all inside the route's breaker and time limit. Writes are never
 * retried, and neither are answers the service did give (a 5xx is counted by the breaker instead).
 *
 * <p>Spring Cloud Gateway's own Retry filter is not used: on Spring Framework 7 it fails resetting read-only response
 * headers (spring-cloud-gateway#4270). This filter sits just before the routing filter and only re-runs it when no
 * response exists yet, so there is nothing to reset.
 */
@Component
class IdempotentRetryFilter implements GlobalFilter, Ordered {

    static final int RETRIES = 2;
    private static final Set<HttpMethod> IDEMPOTENT_READS = Set.of(HttpMethod.GET, HttpMethod.HEAD);

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (!IDEMPOTENT_READS.contains(exchange.getRequest().getMethod())) {
            return chain.filter(exchange);
        }
        return Mono.defer(() -> {
            ServerWebExchangeUtils.removeAlreadyRouted(exchange);
            return chain.filter(exchange);
        }).retryWhen(Retry.backoff(RETRIES, Duration.ofMillis(100)).maxBackoff(Duration.ofMillis(400))
                .filter(error -> noAnswerYet(exchange, error))
                .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }

    private static boolean noAnswerYet(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()
                || exchange.getAttribute(ServerWebExchangeUtils.CLIENT_RESPONSE_ATTR) != null) {
            return false;
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof PrematureCloseException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int getOrder() {
        return NettyRoutingFilter.ORDER - 1;
    }
}
