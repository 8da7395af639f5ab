package org.satupintu.gateway.security;

import java.time.Clock;

import org.satupintu.support.security.TokenCache;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * The gateway's {@link ReactiveJwtDecoder} with a {@link TokenCache} in front: a token the decoder accepted
 * (signature, issuer, audience, lifetime) is answered from the cache until it expires, so a session's token is
 * verified once rather than on every request (the RSA check and parsing were a fifth of the gateway's CPU per
 * request, JFR). Unknown, expired and rejected tokens always go to the decoder; rejections are never cached.
 */
final class CachingReactiveJwtDecoder implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;
    private final TokenCache<Jwt> cache;
    private final Clock clock;

    CachingReactiveJwtDecoder(ReactiveJwtDecoder delegate, int maxEntries, Clock clock) {
        this.delegate = delegate;
        this.cache = new TokenCache<>(maxEntries);
        this.clock = clock;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt cached = cache.get(token, clock.instant());
        if (cached != null) {
            return Mono.just(cached);
        }
        return delegate.decode(token).doOnNext(jwt -> cache.put(token, jwt, jwt.getExpiresAt(), clock.instant()));
    }
}
