package org.satupintu.support.security;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Tokens already checked, until they expire: a bearer token is sent with every request of a session, and checking
 * its signature (RSA), parsing and validating it cost more CPU than most requests themselves (JFR, see
 * {@code benchmarks/profile.sh}). An entry answers only the exact token string it was made for, and only strictly
 * before the token's own expiry; anything else is checked again. A token checked once stays accepted until it
 * expires even if the identity provider drops its signing key meanwhile, which a token's holder could do without a
 * cache as well. Bounded: when full, expired entries go, and if none had expired, everything does.
 *
 * <p>Plain Java, so the reactive gateway and the servlet services share it.
 *
 * @param <T> what a checked token decodes to
 */
public final class TokenCache<T> {

    private record Entry<T>(T value, Instant expiresAt) {
    }

    private final int maxEntries;
    private final ConcurrentHashMap<String, Entry<T>> entries = new ConcurrentHashMap<>();

    public TokenCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** What the token decoded to, if it was checked before and has not expired at {@code now}. */
    public @Nullable T get(String token, Instant now) {
        Entry<T> entry = entries.get(token);
        if (entry == null) {
            return null;
        }
        if (!now.isBefore(entry.expiresAt())) {
            entries.remove(token, entry);
            return null;
        }
        return entry.value();
    }

    /** Remembers a token that was just checked; one without an expiry is not remembered. */
    public void put(String token, T value, @Nullable Instant expiresAt, Instant now) {
        if (expiresAt == null || !now.isBefore(expiresAt) || maxEntries <= 0) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.values().removeIf(e -> !now.isBefore(e.expiresAt()));
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
        }
        entries.put(token, new Entry<>(value, expiresAt));
    }

    public int size() {
        return entries.size();
    }
}
