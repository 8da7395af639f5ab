package org.satupintu.document.signing;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The office signing key.
 *
 * @param privateKeyPath a PEM file with an RSA private key (PKCS#8, {@code BEGIN PRIVATE KEY}); when unset, a
 *     development key is generated once and kept in MongoDB ({@code signing_keys}) so every replica signs alike
 * @param certificatePath a PEM X.509 certificate of that key (from the office's CA) for the embedded PAdES
 *     signature; without it the key gets a self-signed certificate
 */
@ConfigurationProperties("satupintu.signing")
public record SigningProperties(@Nullable String privateKeyPath, @Nullable String certificatePath) {
}
