package org.satupintu.gateway.web;

import org.satupintu.support.problem.ProblemCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.server.WebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Every error the gateway itself produces (unknown path, bad request, ...) answers problem JSON, never HTML. */
@Component
@Order(-2)
class ProblemErrorHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (error instanceof ResponseStatusException rse) {
            HttpStatus status = HttpStatus.resolve(rse.getStatusCode().value());
            if (status == null) {
                status = HttpStatus.BAD_REQUEST;
            }
            ProblemCode code = ProblemCode.forStatus(status.value());
            if (code == ProblemCode.INTERNAL_ERROR) {
                code = ProblemCode.GATEWAY_ERROR; // the gateway itself did not fail; what is behind it did
            }
            String detail = status == HttpStatus.NOT_FOUND ? "No such resource." : rse.getReason() != null
                    ? rse.getReason() : status.getReasonPhrase();
            return Problems.write(exchange, status, code.code(), detail);
        }
        log.error("Unexpected gateway error on {}", exchange.getRequest().getPath(), error);
        return Problems.write(exchange, ProblemCode.GATEWAY_ERROR,
                "The gateway could not complete the request.");
    }
}
