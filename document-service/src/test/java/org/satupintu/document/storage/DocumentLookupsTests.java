package org.satupintu.document.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.data.mapping.callback.EntityCallbacks;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The document lookups against the MongoDB wire protocol server the local stack runs: written with every save,
 * read by {@code _id}; documents stored before them are indexed by one pass; a lookup pointing at nothing finds
 * nothing.
 */
class DocumentLookupsTests {

    static final Instant T0 = Instant.parse("2026-12-01T01:00:00Z");

    MongoServer server;
    MongoClient client;
    MongoTemplate plain;
    MongoTemplate withLookups;
    DocumentQueriesImpl queries;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        var address = server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        plain = new MongoTemplate(client, "lookups");
        withLookups = new MongoTemplate(client, "lookups");
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("mongo", withLookups);
        DocumentLookups lookups = new DocumentLookups(beans.getBeanProvider(MongoTemplate.class));
        withLookups.setEntityCallbacks(EntityCallbacks.create(lookups));
        queries = new DocumentQueriesImpl(withLookups, lookups);
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    static ApplicationFacts app(String id) {
        return new ApplicationFacts(id, "SULUT-MANADO", "ani", "PBG", "DRAFT", null);
    }

    static StoredDocument upload(String id, String applicationId, Instant at) {
        return StoredDocument.uploaded(id, app(applicationId), "KTP", new StoredFile("file-" + id, 10, "00"),
                "ktp.pdf", "application/pdf", "ani", "ani", at);
    }

    static StoredDocument certificate(String id, String applicationId, String permitNumber) {
        return StoredDocument.certificate(id, app(applicationId), new StoredFile("file-" + id, 10, "00"),
                "certificate.pdf", new CertificateFacts(permitNumber, "Ani", T0,
                        new CertificateSignature("SHA256withRSA", "key-1", "c2ln")), T0.plusSeconds(30));
    }

    @Test
    void documentsStoredBeforeTheLookupsAreIndexedOnceThenNewOnesAsTheyAreSaved() {
        plain.save(upload("old-2", "app-1", T0.plusSeconds(60)));
        plain.save(upload("old-1", "app-1", T0));
        plain.save(certificate("cert-1", "app-1", "PBG-SULUT-MANADO-2026-000001"));
        plain.save(upload("other", "app-2", T0));

        assertThat(queries.ofApplication("app-1")).extracting(StoredDocument::id)
                .containsExactly("old-1", "cert-1", "old-2");
        assertThat(plain.getCollection(DocumentQueriesImpl.META).countDocuments()).isEqualTo(1);
        assertThat(queries.ofPermit("PBG-SULUT-MANADO-2026-000001", DocumentKind.CERTIFICATE))
                .map(StoredDocument::id).contains("cert-1");

        withLookups.save(upload("new-1", "app-1", T0.plusSeconds(120)));
        assertThat(queries.ofApplication("app-1")).extracting(StoredDocument::id)
                .containsExactly("old-1", "cert-1", "old-2", "new-1");
        assertThat(queries.ofApplication("app-2")).extracting(StoredDocument::id).containsExactly("other");
        assertThat(queries.ofApplication("app-unknown")).isEmpty();
    }

    @Test
    void unknownPermitsAndLookupsOfSavesThatNeverHappenedFindNothing() {
        withLookups.save(certificate("cert-2", "app-3", "PBG-SULUT-MANADO-2026-000002"));
        assertThat(queries.ofPermit("PBG-SULUT-MANADO-2026-000002", DocumentKind.CERTIFICATE)).isPresent();
        assertThat(queries.ofPermit("PBG-SULUT-MANADO-2026-999999", DocumentKind.CERTIFICATE)).isEmpty();
        assertThat(queries.ofPermit("PBG-SULUT-MANADO-2026-000002", DocumentKind.UPLOAD)).isEmpty();

        // The lookup is written first; the save after it failed.
        plain.getCollection(DocumentLookups.BY_PERMIT).updateOne(
                Filters.eq("_id", DocumentLookups.permitKey(DocumentKind.CERTIFICATE, "PBG-SULUT-MANADO-2026-000003")),
                com.mongodb.client.model.Updates.set("id", "never-saved"),
                new com.mongodb.client.model.UpdateOptions().upsert(true));
        assertThat(queries.ofPermit("PBG-SULUT-MANADO-2026-000003", DocumentKind.CERTIFICATE)).isEmpty();
    }
}
