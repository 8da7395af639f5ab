package org.satupintu.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** The explicit limit: calls beyond it get 503 with Retry-After at once; a finished call frees its place. */
class ConcurrencyLimitTests {

    @Test
    void theCallBeyondTheLimitIs503WithRetryAfterAndAFinishedCallFreesItsPlace() {
        ConcurrencyLimit limit = new ConcurrencyLimit("application-service", 2);
        Sinks.Empty<Void> first = Sinks.empty();
        Sinks.Empty<Void> second = Sinks.empty();
        MockServerWebExchange a = exchange();
        MockServerWebExchange b = exchange();
        limit.filter(a, e -> first.asMono()).subscribe();
        limit.filter(b, e -> second.asMono()).subscribe();
        assertThat(limit.inFlight()).isEqualTo(2);

        MockServerWebExchange refused = exchange();
        limit.filter(refused, e -> Mono.error(new AssertionError("must not reach the service"))).block();
        assertThat(refused.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(refused.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(refused.getResponse().getBodyAsString().block()).contains("\"code\":\"service-unavailable\"");

        first.tryEmitEmpty();
        assertThat(limit.inFlight()).isEqualTo(1);
        MockServerWebExchange admitted = exchange();
        limit.filter(admitted, e -> Mono.empty()).block();
        assertThat(admitted.getResponse().getStatusCode()).isNull();
        second.tryEmitEmpty();
        assertThat(limit.inFlight()).isZero();
    }

    private static MockServerWebExchange exchange() {
        return MockServerWebExchange.from(MockServerHttpRequest.get("/api/applications/app-1"));
    }
}
