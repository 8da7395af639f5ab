package org.satupintu.gateway.routing;

import org.satupintu.support.problem.ProblemCode;
import org.satupintu.gateway.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Where an open breaker or a timed-out call lands: 503 problem JSON naming the service. */
@RestController
class FallbackController {

    @RequestMapping("/fallback/{service}")
    Mono<Void> unavailable(@PathVariable String service, ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().set("Retry-After", "10");
        return Problems.write(exchange, ProblemCode.SERVICE_UNAVAILABLE,
                "The " + service + " is unavailable or too slow right now; please retry shortly.");
    }
}
