package org.satupintu.document.projection;

import java.util.Optional;

import org.satupintu.events.ApplicationEvent;
import org.satupintu.events.CloudEvent;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Reads and updates the projection; concurrent writers (replicas, redeliveries) retry on a version clash. */
@Component
public class ApplicationProjections {

    private static final int ATTEMPTS = 5;

    private final MongoTemplate mongo;

    ApplicationProjections(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    Optional<ApplicationView> find(String applicationId) {
        ApplicationProjection projection = mongo.findById(applicationId, ApplicationProjection.class);
        return projection != null && projection.complete() ? Optional.of(projection.view()) : Optional.empty();
    }

    /** Where the permit of an application stands, if its events were seen. */
    public Optional<PermitStanding> standing(String applicationId) {
        ApplicationProjection projection = mongo.findById(applicationId, ApplicationProjection.class);
        return projection == null ? Optional.empty() : Optional.of(projection.standing());
    }

    /** Marks the renewed application's permit superseded; an application not seen yet is remembered as such. */
    void supersede(String applicationId, String successorPermitNumber) {
        for (int attempt = 1;; attempt++) {
            ApplicationProjection stored = mongo.findById(applicationId, ApplicationProjection.class);
            ApplicationProjection projection = stored != null ? stored : new ApplicationProjection(applicationId);
            if (!projection.supersede(successorPermitNumber)) {
                return;
            }
            try {
                if (stored == null) {
                    mongo.insert(projection);
                }
                else {
                    mongo.save(projection);
                }
                return;
            }
            catch (OptimisticLockingFailureException | DuplicateKeyException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** @return the view after the event (changed or not) */
    ApplicationView apply(CloudEvent<ApplicationEvent> event) {
        for (int attempt = 1;; attempt++) {
            ApplicationProjection stored = mongo.findById(event.data().applicationId(), ApplicationProjection.class);
            boolean fresh = stored == null;
            ApplicationProjection projection = stored != null ? stored
                    : new ApplicationProjection(event.data().applicationId());
            if (!projection.apply(event)) {
                return projection.view();
            }
            try {
                if (fresh) {
                    mongo.insert(projection);
                }
                else {
                    mongo.save(projection);
                }
                return projection.view();
            }
            catch (OptimisticLockingFailureException | DuplicateKeyException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
