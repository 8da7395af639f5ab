package org.satupintu.document.signing;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The office signing key: a PKCS#12 keystore file, from the environment or a mounted secret. The service does not
 * start without one, except where {@code generateIfMissing} is set (the dev profile of the local stack and tests).
 *
 * @param keystorePath the PKCS#12 file ({@code SIGNING_KEYSTORE_PATH})
 * @param keystorePassword its password ({@code SIGNING_KEYSTORE_PASSWORD}), or
 * @param keystorePasswordFile a file holding the password, e.g. a mounted secret ({@code SIGNING_KEYSTORE_PASSWORD_FILE})
 * @param keyAlias the key's alias; the first private key entry when unset
 * @param generateIfMissing dev only: create a key (and a random password file) at those paths on first start
 */
@ConfigurationProperties("satupintu.signing")
public record SigningProperties(@Nullable String keystorePath, @Nullable String keystorePassword,
        @Nullable String keystorePasswordFile, @Nullable String keyAlias, @DefaultValue("false") boolean generateIfMissing) {
}
