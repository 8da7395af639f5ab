package org.satupintu.application.workflow;

import java.time.Instant;

import org.satupintu.events.DocumentEvent;
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

    public void apply(DocumentEvent event, Instant now) {
        String applicationId = event.applicationId();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            PermitApplication app = repository.findById(applicationId).orElse(null);
            if (app == null) {
                log.warn("A document event names unknown application {}; ignored", applicationId);
                return;
            }
            if (!app.applyDocumentEvent(event, now)) {
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
