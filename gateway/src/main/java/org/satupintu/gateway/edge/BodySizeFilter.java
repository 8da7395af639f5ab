package org.satupintu.gateway.edge;

import org.satupintu.support.problem.ProblemCode;
import org.satupintu.gateway.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Bodies over the limit get 413 at the edge: JSON bodies are small (256 KiB), document uploads may be large. A
 * declared Content-Length is checked up front; a streamed body is counted as it passes.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class BodySizeFilter implements WebFilter {

    private final EdgeProperties properties;

    BodySizeFilter(EdgeProperties properties) {
        this.properties = properties;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        long limit = isUpload(request) ? properties.maxUploadBody().toBytes() : properties.maxJsonBody().toBytes();
        long declared = request.getHeaders().getContentLength();
        if (declared > limit) {
            return tooLarge(exchange, limit);
        }
        if (declared >= 0) {
            return chain.filter(exchange);
        }
        ServerHttpRequest counted = new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                long[] seen = { 0 };
                return super.getBody().doOnNext(buffer -> {
                    seen[0] += buffer.readableByteCount();
                    if (seen[0] > limit) {
                        throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
                                "The body is larger than " + limit + " bytes.");
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }

    private static boolean isUpload(ServerHttpRequest request) {
        return request.getMethod() == HttpMethod.POST && request.getPath().value().equals("/api/documents");
    }

    private static Mono<Void> tooLarge(ServerWebExchange exchange, long limit) {
        return Problems.write(exchange, ProblemCode.TOO_LARGE,
                "The body is larger than " + limit + " bytes.");
    }
}
