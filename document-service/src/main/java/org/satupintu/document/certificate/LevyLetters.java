package org.satupintu.document.certificate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;

import org.satupintu.document.projection.ApplicationView;
import org.satupintu.document.projection.LevyObserved;
import org.satupintu.document.signing.SigningKeys;
import org.satupintu.document.storage.DocumentKind;
import org.satupintu.document.storage.DocumentRepository;
import org.satupintu.document.storage.FileStore;
import org.satupintu.document.storage.StoredDocument;
import org.satupintu.document.storage.StoredFile;
import org.satupintu.events.LevyData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Makes the levy letters beside the certificate, once each: the SKRD when a levy is billed ({@code skrd-<id>}) and
 * the receipt when it is paid ({@code receipt-<id>}), signed by the office like the certificate. Deterministic ids
 * make a redelivered event find the letter made the first time.
 */
@Service
public class LevyLetters {

    private static final Logger log = LoggerFactory.getLogger(LevyLetters.class);

    private final DocumentRepository documents;
    private final FileStore files;
    private final SigningKeys keys;
    private final CertificateProperties properties;
    private final Clock clock;

    LevyLetters(DocumentRepository documents, FileStore files, SigningKeys keys, CertificateProperties properties,
            Clock clock) {
        this.documents = documents;
        this.files = files;
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
    }

    public static String letterId(String applicationId, DocumentKind kind) {
        return (kind == DocumentKind.RECEIPT ? "receipt-" : "skrd-") + applicationId;
    }

    @EventListener
    void on(LevyObserved observed) {
        ApplicationView app = observed.application();
        DocumentKind kind = observed.paid() ? DocumentKind.RECEIPT : DocumentKind.LEVY_ASSESSMENT;
        String id = letterId(app.id(), kind);
        if (documents.existsById(id)) {
            return;
        }
        LevyData levy = observed.levy();
        LevyLetterRenderer.Content content = new LevyLetterRenderer.Content(observed.paid(), app.id(),
                app.registrationNumber(), app.permitNumber(), app.permitTypeCode(), app.officeCode(),
                app.applicantName() == null ? "-" : app.applicantName(),
                levy.amountIdr() == null ? 0 : levy.amountIdr(), levy.basis() == null ? "-" : levy.basis(),
                levy.billingCode(), levy.dueAt(), levy.paidAt(), levy.paymentReference(), observed.at());
        String filename = (observed.paid() ? "bukti-bayar-retribusi-" : "skrd-")
                + (levy.billingCode() == null ? app.id() : levy.billingCode()) + ".pdf";
        StoredFile file;
        try {
            byte[] pdf = keys.signPdf(LevyLetterRenderer.render(content, properties.zone()),
                    (observed.paid() ? "Bukti bayar / Receipt " : "SKRD ") + levy.billingCode(), app.officeCode(),
                    observed.at());
            file = files.write(filename, "application/pdf", pdf);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            documents.insert(StoredDocument.levyLetter(id, app.facts(), kind, file, filename, clock.instant()));
        }
        catch (DuplicateKeyException e) {
            files.delete(file.fileId());
            return;
        }
        log.info("{} {} made for application {}", kind, id, app.id());
    }
}
