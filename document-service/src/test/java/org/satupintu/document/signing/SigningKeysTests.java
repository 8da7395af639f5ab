package org.satupintu.document.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.satupintu.document.storage.CertificateSignature;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Issue #12: the signing key lives in a PKCS#12 file, never in the database; no key, no start (outside dev). */
class SigningKeysTests {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T02:00:00Z"), ZoneOffset.UTC);
    static final byte[] PDF = "%PDF-1.7 a certificate".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;
    MongoServer server;
    MongoClient client;
    MongoTemplate mongo;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        var address = server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        mongo = new MongoTemplate(client, "signing");
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void refusesToStartWithoutAKeystoreOutsideTheDevProfile() {
        assertThatThrownBy(() -> new SigningKeys(mongo, new SigningProperties(null, null, null, null, false), CLOCK))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("SIGNING_KEYSTORE_PATH");
        Path missing = dir.resolve("nowhere.p12");
        assertThatThrownBy(() -> new SigningKeys(mongo,
                new SigningProperties(missing.toString(), "secret", null, null, false), CLOCK))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not exist");
        assertThat(Files.exists(missing)).isFalse();
    }

    @Test
    void theDevProfileGeneratesAKeystoreFileAndTheDatabaseHoldsOnlyThePublicKey() throws Exception {
        SigningProperties dev = new SigningProperties(dir.resolve("signing/document-signing.p12").toString(), null,
                dir.resolve("signing/keystore-password").toString(), null, true);
        SigningKeys keys = new SigningKeys(mongo, dev, CLOCK);
        assertThat(dir.resolve("signing/document-signing.p12")).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("signing/keystore-password"))))
                .isEqualTo("rw-------");
        CertificateSignature signature = keys.sign(PDF);
        assertThat(keys.verify(PDF, signature)).isTrue();
        for (Document stored : mongo.getCollection("signing_keys").find()) {
            assertThat(stored).doesNotContainKey("privateKey");
            assertThat(stored.getString("publicKey")).isNotBlank();
        }
        // A second replica on the same files signs with the same key.
        SigningKeys replica = new SigningKeys(mongo, dev, CLOCK);
        assertThat(replica.sign(PDF).keyId()).isEqualTo(signature.keyId());
        assertThat(replica.verify(PDF, signature)).isTrue();
    }

    @Test
    void anOfficeKeystoreIsUsedWithItsPasswordFromAMountedFile() throws Exception {
        KeyPair pair = rsa();
        Path keystore = dir.resolve("office.p12");
        Path password = dir.resolve("password");
        Files.writeString(password, "office-secret\n");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("office", pair.getPrivate(), "office-secret".toCharArray(), new java.security.cert.Certificate[] {
            PadesSigner.selfSigned(pair.getPrivate(), pair.getPublic(), "CN=DPMPTSP Manado", CLOCK.instant()) });
        try (var out = Files.newOutputStream(keystore)) {
            store.store(out, "office-secret".toCharArray());
        }
        SigningKeys keys = new SigningKeys(mongo,
                new SigningProperties(keystore.toString(), null, password.toString(), null, false), CLOCK);
        CertificateSignature signature = keys.sign(PDF);
        assertThat(signature.keyId()).isEqualTo(SigningKeys.keyId(pair.getPublic()));
        Signature verifier = Signature.getInstance(SigningKeys.ALGORITHM);
        verifier.initVerify(pair.getPublic());
        verifier.update(PDF);
        assertThat(verifier.verify(Base64.getDecoder().decode(signature.value()))).isTrue();

        assertThatThrownBy(() -> new SigningKeys(mongo,
                new SigningProperties(keystore.toString(), "wrong", null, null, false), CLOCK))
                .isInstanceOf(Exception.class);
    }

    /** Earlier versions stored a generated private key in MongoDB: it goes, and what it signed still verifies. */
    @Test
    void anUpgradeRemovesTheStoredPrivateKeyAndOlderCertificatesStillVerify() throws Exception {
        KeyPair old = rsa();
        String oldKeyId = SigningKeys.keyId(old.getPublic());
        mongo.getCollection("signing_keys").insertOne(new Document("_id", "development").append("keyId", oldKeyId)
                .append("algorithm", SigningKeys.ALGORITHM).append("publicKey", SigningKeys.encode(old.getPublic()))
                .append("privateKey", Base64.getEncoder().encodeToString(old.getPrivate().getEncoded()))
                .append("createdAt", java.util.Date.from(CLOCK.instant())));
        Signature signer = Signature.getInstance(SigningKeys.ALGORITHM);
        signer.initSign(old.getPrivate());
        signer.update(PDF);
        CertificateSignature signedBefore = new CertificateSignature(SigningKeys.ALGORITHM, oldKeyId,
                Base64.getEncoder().encodeToString(signer.sign()));

        SigningKeys keys = new SigningKeys(mongo, new SigningProperties(dir.resolve("k.p12").toString(), "pw", null,
                null, true), CLOCK);
        Document upgraded = mongo.getCollection("signing_keys").find(new Document("_id", "development")).first();
        assertThat(upgraded).isNotNull().doesNotContainKey("privateKey");
        assertThat(keys.verify(PDF, signedBefore)).isTrue();
        assertThat(keys.sign(PDF).keyId()).isNotEqualTo(oldKeyId);
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }
}
