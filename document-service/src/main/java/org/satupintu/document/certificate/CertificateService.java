package org.satupintu.document.certificate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;

import org.satupintu.support.outbox.OutboxRelay;
import org.satupintu.document.projection.ApplicationView;
import org.satupintu.document.projection.IssuanceObserved;
import org.satupintu.document.signing.SigningKeys;
import org.satupintu.document.storage.CertificateFacts;
import org.satupintu.document.storage.CertificateSignature;
import org.satupintu.document.storage.DocumentRepository;
import org.satupintu.document.storage.FileStore;
import org.satupintu.document.storage.StoredDocument;
import org.satupintu.document.storage.StoredFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Makes the certificate of an issued permit, once: its record has the deterministic id {@code cert-<applicationId>},
 * so a redelivered or concurrently processed {@code issued} event finds it (or loses the insert race and removes
 * its own file). Publishes {@code document.certificate-generated} through the outbox.
 */
@Service
public class CertificateService {

    private static final Logger log = LoggerFactory.getLogger(CertificateService.class);

    private final DocumentRepository documents;
    private final FileStore files;
    private final SigningKeys keys;
    private final OutboxRelay relay;
    private final CertificateProperties properties;
    private final Clock clock;

    CertificateService(DocumentRepository documents, FileStore files, SigningKeys keys, OutboxRelay relay,
            CertificateProperties properties, Clock clock) {
        this.documents = documents;
        this.files = files;
        this.keys = keys;
        this.relay = relay;
        this.properties = properties;
        this.clock = clock;
    }

    public static String certificateId(String applicationId) {
        return "cert-" + applicationId;
    }

    @EventListener
    void on(IssuanceObserved issued) {
        ApplicationView app = issued.application();
        String id = certificateId(app.id());
        if (documents.existsById(id)) {
            return;
        }
        if (app.permitNumber() == null) {
            log.warn("Issued event {} of application {} has no permit number; no certificate", issued.eventId(),
                    app.id());
            return;
        }
        String holder = app.applicantName() == null ? "-" : app.applicantName();
        CertificateContent content = new CertificateContent(app.permitNumber(), app.permitTypeCode(), holder,
                app.officeCode(), app.registrationNumber(), issued.issuedAt(),
                properties.verificationUrl(app.permitNumber()));
        StoredFile file;
        CertificateSignature signature;
        String filename = "sertifikat-izin-" + app.permitNumber() + ".pdf";
        try {
            // Embedded PAdES signature first (readers show it), then the detached one over the final bytes.
            byte[] pdf = keys.signPdf(CertificateRenderer.render(content, properties.zone()),
                    "Izin diterbitkan / Permit issued: " + app.permitNumber(), app.officeCode(), issued.issuedAt());
            signature = keys.sign(pdf);
            file = files.write(filename, "application/pdf", pdf);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StoredDocument doc = StoredDocument.certificate(id, app.facts(), file, filename,
                new CertificateFacts(app.permitNumber(), holder, issued.issuedAt(), signature), clock.instant());
        try {
            documents.insert(doc);
        }
        catch (DuplicateKeyException e) {
            files.delete(file.fileId());
            return;
        }
        log.info("Certificate {} made for permit {}", id, app.permitNumber());
        relay.wakeUp();
    }
}
