package org.satupintu.document.signing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.satupintu.document.storage.CertificateSignature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Signs certificates with the office key ({@value #ALGORITHM}: the signature covers the SHA-256 of the PDF) and
 * verifies them. The key comes from a PKCS#12 keystore file (path and password from the environment or a mounted
 * secret), never from the database; the service does not start without one, except that the dev profile generates
 * one. The key id is the start of the SHA-256 of the public key, so a verifier can tell keys apart after a
 * rotation; every public key that ever signed is kept in {@code signing_keys} (public part only).
 */
@Component
public class SigningKeys {

    public static final String ALGORITHM = "SHA256withRSA";
    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final MongoTemplate mongo;
    private final SigningProperties properties;
    private final Clock clock;
    private final Active active;

    /** The public part of a key that signed, as kept in MongoDB ({@code privateKey} is always null now). */
    record SigningKeyRecord(String id, String keyId, String algorithm, String publicKey,
            @Nullable String privateKey, Instant createdAt, @Nullable String certificate) {
    }

    private record Active(String keyId, PrivateKey privateKey, PublicKey publicKey, X509Certificate certificate) {
    }

    private static final String DEV_SUBJECT = "CN=SatuPintu development signing key, O=SatuPintu";

    SigningKeys(MongoTemplate mongo, SigningProperties properties, Clock clock) {
        this.mongo = mongo;
        this.properties = properties;
        this.clock = clock;
        removeStoredPrivateKeys();
        this.active = load();
    }

    public CertificateSignature sign(byte[] content) {
        Active key = active();
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(key.privateKey());
            signature.update(content);
            return new CertificateSignature(ALGORITHM, key.keyId(),
                    Base64.getEncoder().encodeToString(signature.sign()));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("Signing failed", e);
        }
    }

    /** Embeds a PAdES signature of the office key in the PDF (an incremental update of it). */
    public byte[] signPdf(byte[] pdf, String reason, String location, Instant when) {
        Active key = active();
        try {
            return PadesSigner.sign(pdf, key.privateKey(), key.certificate(), "SatuPintu", reason, location, when);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True if the PDF's embedded signature verifies with the key {@code keyId}. */
    public boolean verifyEmbedded(byte[] pdf, String keyId) {
        return publicKey(keyId).map(key -> PadesSigner.verify(pdf, key)).orElse(false);
    }

    public boolean verify(byte[] content, CertificateSignature signature) {
        Optional<PublicKey> key = publicKey(signature.keyId());
        if (key.isEmpty() || !ALGORITHM.equals(signature.algorithm())) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key.get());
            verifier.update(content);
            return verifier.verify(Base64.getDecoder().decode(signature.value()));
        }
        catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The public key with this id, in X.509 SubjectPublicKeyInfo DER, for anyone who verifies offline. */
    public Optional<PublicKey> publicKey(String keyId) {
        Active key = active();
        if (key.keyId().equals(keyId)) {
            return Optional.of(key.publicKey());
        }
        SigningKeyRecord record = mongo.findOne(Query.query(Criteria.where("keyId").is(keyId)),
                SigningKeyRecord.class, "signing_keys");
        return Optional.ofNullable(record).map(r -> decodePublic(r.publicKey()));
    }

    private Active active() {
        return active;
    }

    /**
     * The key of the configured PKCS#12 keystore. Without one the service does not start, unless
     * {@code generate-if-missing} (the dev profile) lets it create one at {@code keystore-path}, with a random
     * password in {@code keystore-password-file}.
     */
    private Active load() {
        String configured = properties.keystorePath();
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException("No certificate signing key: set SIGNING_KEYSTORE_PATH to a PKCS#12 "
                    + "keystore and SIGNING_KEYSTORE_PASSWORD (or SIGNING_KEYSTORE_PASSWORD_FILE); the dev profile "
                    + "generates one for the local stack.");
        }
        Path path = Path.of(configured);
        if (!Files.exists(path)) {
            if (!properties.generateIfMissing()) {
                throw new IllegalStateException("The signing keystore " + path + " does not exist.");
            }
            generate(path);
        }
        char[] password = password(false);
        try (var in = Files.newInputStream(path)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            String alias = properties.keyAlias();
            if (alias == null || alias.isBlank()) {
                alias = java.util.Collections.list(store.aliases()).stream().filter(a -> isKey(store, a)).findFirst()
                        .orElseThrow(() -> new IllegalStateException("The signing keystore " + path
                                + " holds no private key."));
            }
            if (!(store.getKey(alias, password) instanceof PrivateKey privateKey)
                    || !(store.getCertificate(alias) instanceof X509Certificate certificate)) {
                throw new IllegalStateException("The signing keystore " + path + " has no key with certificate "
                        + "under alias " + alias + ".");
            }
            PublicKey publicKey = certificate.getPublicKey();
            if (!"RSA".equals(publicKey.getAlgorithm())) {
                throw new IllegalStateException("The signing key must be an RSA key (" + ALGORITHM + ").");
            }
            String keyId = keyId(publicKey);
            // Only the public part is kept, so certificates signed by this key verify after a rotation.
            remember(new SigningKeyRecord(keyId, keyId, ALGORITHM, encode(publicKey), null, clock.instant(),
                    Base64.getEncoder().encodeToString(certificate.getEncoded())));
            log.info("Signing certificates with key {} from {}", keyId, path);
            return new Active(keyId, privateKey, publicKey, certificate);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read the signing keystore " + path, e);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot use the signing keystore " + path + ": " + e.getMessage(), e);
        }
        finally {
            java.util.Arrays.fill(password, '\0');
        }
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        }
        catch (KeyStoreException e) {
            return false;
        }
    }

    /** The keystore password: given directly, or read from a (mounted secret) file; created in dev if asked. */
    private char[] password(boolean createIfMissing) {
        String direct = properties.keystorePassword();
        if (direct != null && !direct.isEmpty()) {
            return direct.toCharArray();
        }
        String file = properties.keystorePasswordFile();
        if (file == null || file.isBlank()) {
            throw new IllegalStateException("No password for the signing keystore: set SIGNING_KEYSTORE_PASSWORD "
                    + "or SIGNING_KEYSTORE_PASSWORD_FILE.");
        }
        Path path = Path.of(file);
        try {
            if (createIfMissing && !Files.exists(path)) {
                byte[] random = new byte[24];
                new java.security.SecureRandom().nextBytes(random);
                Files.createDirectories(path.toAbsolutePath().getParent());
                try {
                    Files.writeString(path, Base64.getUrlEncoder().withoutPadding().encodeToString(random),
                            java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
                    restrict(path);
                }
                catch (java.nio.file.FileAlreadyExistsException e) {
                    // another replica wrote it first: use theirs
                }
            }
            return Files.readString(path).strip().toCharArray();
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read the signing keystore password file " + path, e);
        }
    }

    /** Dev only: a new RSA key with a self-signed certificate, in a PKCS#12 file (never in the database). */
    private void generate(Path path) {
        char[] password = password(true);
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(3072);
            KeyPair pair = generator.generateKeyPair();
            X509Certificate certificate = PadesSigner.selfSigned(pair.getPrivate(), pair.getPublic(), DEV_SUBJECT,
                    clock.instant());
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("signing", pair.getPrivate(), password, new java.security.cert.Certificate[] {
                certificate });
            Files.createDirectories(path.toAbsolutePath().getParent());
            Path temp = Files.createTempFile(path.toAbsolutePath().getParent(), ".signing", ".p12");
            try (var out = Files.newOutputStream(temp)) {
                store.store(out, password);
            }
            restrict(temp);
            try {
                Files.move(temp, path);
                log.warn("Generated a development signing key in {} (dev profile); production mounts a keystore",
                        path);
            }
            catch (java.nio.file.FileAlreadyExistsException e) {
                Files.deleteIfExists(temp); // another replica generated it first
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot write the signing keystore " + path, e);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        finally {
            java.util.Arrays.fill(password, '\0');
        }
    }

    private static void restrict(Path path) {
        try {
            Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
        catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system: leave it to the directory's permissions
        }
    }

    /**
     * Earlier versions kept a generated private key in {@code signing_keys}; it is removed at start, keeping the
     * public part (and the key id) so the certificates it signed still verify.
     */
    private void removeStoredPrivateKeys() {
        long removed = mongo.updateMulti(Query.query(Criteria.where("privateKey").exists(true)),
                new Update().unset("privateKey"), "signing_keys").getModifiedCount();
        if (removed > 0) {
            log.warn("Removed {} private signing key(s) from the database; keys live in keystore files now",
                    removed);
        }
    }

    private static X509Certificate decodeCertificate(String base64) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(Base64.getDecoder().decode(base64)));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void remember(SigningKeyRecord record) {
        try {
            mongo.insert(record, "signing_keys");
        }
        catch (DuplicateKeyException e) {
            // Known already.
        }
    }

    private static PublicKey decodePublic(String base64) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder()
                    .decode(base64)));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String encode(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    static String keyId(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 8);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
