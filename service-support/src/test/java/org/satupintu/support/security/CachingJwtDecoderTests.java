package org.satupintu.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** The token cache in front of a real Nimbus decoder, with RS256 tokens signed here and a clock the test moves. */
class CachingJwtDecoderTests {

    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T08:00:00Z"));
    final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    final AtomicInteger verified = new AtomicInteger();
    NimbusJwtEncoder encoder;
    CachingJwtDecoder decoder;

    @BeforeEach
    void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                .keyID("test").build();
        encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withPublicKey((RSAPublicKey) pair.getPublic()).build();
        JwtTimestampValidator lifetime = new JwtTimestampValidator(Duration.ofSeconds(30));
        lifetime.setClock(clock);
        nimbus.setJwtValidator(lifetime);
        JwtDecoder counting = token -> {
            verified.incrementAndGet();
            return nimbus.decode(token);
        };
        decoder = new CachingJwtDecoder(counting, 3, clock);
    }

    String token(String subject, Duration lifetime) {
        Instant issued = now.get();
        JwtClaimsSet claims = JwtClaimsSet.builder().subject(subject).issuedAt(issued).expiresAt(issued.plus(lifetime))
                .build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
                .getTokenValue();
    }

    @Test
    void aTokenIsVerifiedOnceAndAnsweredFromTheCacheUntilItExpires() {
        String ani = token("ani", Duration.ofMinutes(5));
        Jwt first = decoder.decode(ani);
        Jwt second = decoder.decode(ani);
        assertThat(second).isSameAs(first);
        assertThat(verified).hasValue(1);

        now.set(now.get().plus(Duration.ofMinutes(5)));
        // At its expiry the cache lets go; the decoder's own check (30 s skew) decides again.
        assertThat(decoder.decode(ani).getSubject()).isEqualTo("ani");
        assertThat(verified).hasValue(2);
        now.set(now.get().plus(Duration.ofMinutes(1)));
        assertThatThrownBy(() -> decoder.decode(ani)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(ani)).isInstanceOf(JwtException.class);
        assertThat(verified).hasValue(4);
    }

    @Test
    void aRejectedTokenIsNeverCachedAndOnlyTheExactStringCounts() {
        String ani = token("ani", Duration.ofMinutes(5));
        decoder.decode(ani);
        String[] parts = ani.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(JwtException.class);
        assertThat(verified).hasValue(3);
    }

    @Test
    void theCacheStaysWithinItsBound() {
        TokenCache<String> cache = new TokenCache<>(3);
        Instant t = now.get();
        for (int i = 0; i < 10; i++) {
            cache.put("token-" + i, "value-" + i, t.plusSeconds(60), t);
            assertThat(cache.size()).isLessThanOrEqualTo(3);
        }
        assertThat(cache.get("token-9", t)).isEqualTo("value-9");
        cache.put("never", "x", null, t);
        assertThat(cache.get("never", t)).isNull();
        cache.put("expired", "x", t, t);
        assertThat(cache.get("expired", t)).isNull();
    }
}
