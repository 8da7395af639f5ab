package org.satupintu.application.review;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

/** Applies document facts to an application, retrying when a user's write raced it. */
@Component
public class ChecklistUpdater {

    private static final Logger log = LoggerFactory.getLogger(ChecklistUpdater.class);
    private static final int ATTEMPTS = 5;

    private final ApplicationRepository repository;

    ChecklistUpdater(ApplicationRepository repository) {
        this.repository = repository;
    }

    public void apply(String applicationId, String eventId, String type, String requirementCode, String documentId,
            Instant now) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            PermitApplication app = repository.findById(applicationId).orElse(null);
            if (app == null) {
                log.warn("Document event {} names unknown application {}; ignored", eventId, applicationId);
                return;
            }
            if (!app.applyDocumentEvent(eventId, type, requirementCode, documentId, now)) {
                return;
            }
            try {
                repository.save(app);
                return;
            }
            catch (OptimisticLockingFailureException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
