package org.satupintu.document.signing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
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
import org.springframework.stereotype.Component;

/**
 * Signs certificates with the office key ({@value #ALGORITHM}: the signature covers the SHA-256 of the PDF) and
 * verifies them. The key id is the start of the SHA-256 of the public key, so a verifier can tell keys apart after
 * a rotation; every public key that ever signed is kept in {@code signing_keys}.
 */
@Component
public class SigningKeys {

    public static final String ALGORITHM = "SHA256withRSA";
    private static final String DEV_KEY_ID = "development";
    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final MongoTemplate mongo;
    private final SigningProperties properties;
    private final Clock clock;
    private volatile @Nullable Active active;

    /** A key as kept in MongoDB; the private part only for the generated development key. */
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
        Active key = active;
        if (key == null) {
            synchronized (this) {
                key = active;
                if (key == null) {
                    String path = properties.privateKeyPath();
                    key = path == null || path.isBlank() ? developmentKey()
                            : fromPem(Path.of(path));
                    active = key;
                }
            }
        }
        return key;
    }

    private Active fromPem(Path path) {
        try {
            String pem = Files.readString(path).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
            if (!(privateKey instanceof RSAPrivateCrtKey crt)) {
                throw new IllegalStateException("The signing key must be an RSA key with CRT parameters");
            }
            PublicKey publicKey = rsa.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            String keyId = keyId(publicKey);
            X509Certificate certificate = certificate(publicKey, privateKey);
            remember(new SigningKeyRecord(keyId, keyId, ALGORITHM, encode(publicKey), null, clock.instant(),
                    Base64.getEncoder().encodeToString(certificate.getEncoded())));
            return new Active(keyId, privateKey, publicKey, certificate);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read the signing key " + path, e);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot use the signing key " + path, e);
        }
    }

    /** Generated once for all replicas: the first insert wins, the others read it. */
    private Active developmentKey() {
        SigningKeyRecord record = mongo.findById(DEV_KEY_ID, SigningKeyRecord.class, "signing_keys");
        if (record == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(3072);
                KeyPair pair = generator.generateKeyPair();
                X509Certificate certificate = PadesSigner.selfSigned(pair.getPrivate(), pair.getPublic(),
                        DEV_SUBJECT, clock.instant());
                record = new SigningKeyRecord(DEV_KEY_ID, keyId(pair.getPublic()), ALGORITHM,
                        encode(pair.getPublic()), Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()),
                        clock.instant(), Base64.getEncoder().encodeToString(certificate.getEncoded()));
                mongo.insert(record, "signing_keys");
                log.warn("Generated a development signing key ({}); configure satupintu.signing.private-key-path "
                        + "in production", record.keyId());
            }
            catch (DuplicateKeyException e) {
                record = mongo.findById(DEV_KEY_ID, SigningKeyRecord.class, "signing_keys");
            }
            catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        if (record == null || record.privateKey() == null) {
            throw new IllegalStateException("The development signing key is unreadable");
        }
        try {
            PrivateKey privateKey = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(record.privateKey())));
            PublicKey publicKey = decodePublic(record.publicKey());
            X509Certificate certificate = record.certificate() != null ? decodeCertificate(record.certificate())
                    : PadesSigner.selfSigned(privateKey, publicKey, DEV_SUBJECT, record.createdAt());
            return new Active(record.keyId(), privateKey, publicKey, certificate);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The certificate from {@code certificate-path}, or a self-signed one for the key. */
    private X509Certificate certificate(PublicKey publicKey, PrivateKey privateKey) throws IOException,
            GeneralSecurityException {
        String path = properties.certificatePath();
        if (path == null || path.isBlank()) {
            return PadesSigner.selfSigned(privateKey, publicKey, "CN=SatuPintu office signing key, O=SatuPintu",
                    clock.instant());
        }
        try (var in = Files.newInputStream(Path.of(path))) {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(in);
            if (!certificate.getPublicKey().equals(publicKey)) {
                throw new IllegalStateException("The signing certificate does not belong to the signing key");
            }
            return certificate;
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
