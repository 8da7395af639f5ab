package org.satupintu.support.security;

import java.time.Clock;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * The resource server's {@link JwtDecoder} with a {@link TokenCache} in front: a token the decoder accepted (signature,
 * issuer, audience, lifetime) is answered from the cache until it expires; an unknown, expired or rejected token goes
 * to the decoder every time, so rejections are never cached.
 */
public final class CachingJwtDecoder implements JwtDecoder {

    private final JwtDecoder delegate;
    private final TokenCache<Jwt> cache;
    private final Clock clock;

    public CachingJwtDecoder(JwtDecoder delegate, int maxEntries, Clock clock) {
        this.delegate = delegate;
        this.cache = new TokenCache<>(maxEntries);
        this.clock = clock;
    }

    @Override
    public Jwt decode(String token) {
        Jwt cached = cache.get(token, clock.instant());
        if (cached != null) {
            return cached;
        }
        Jwt jwt = delegate.decode(token);
        cache.put(token, jwt, jwt.getExpiresAt(), clock.instant());
        return jwt;
    }
}
