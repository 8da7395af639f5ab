package org.satupintu.application.workflow;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the reminders of a permit's life: the levy falls due (7 and 1 days before) and the permit expires (60, 30
 * and 7 days before). Each goes out once, across restarts and replicas: the aggregate records the reminder in the
 * same version-guarded write as its event, so of two replicas only one write wins and the other skips, as with
 * {@link SlaWatch}.
 */
@Component
public class LifecycleReminders {

    private static final Logger log = LoggerFactory.getLogger(LifecycleReminders.class);
    private static final int BATCH = 200;

    private final MongoTemplate mongo;
    private final ApplicationRepository repository;
    private final Clock clock;

    LifecycleReminders(MongoTemplate mongo, ApplicationRepository repository, Clock clock) {
        this.mongo = mongo;
        this.repository = repository;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${satupintu.lifecycle.check-interval:60s}", initialDelayString = "15s")
    void scheduled() {
        check();
    }

    /** @return how many reminders were sent */
    public int check() {
        Instant now = clock.instant();
        int largestPayment = PermitApplication.PAYMENT_REMINDER_DAYS.get(0);
        int lastPayment = PermitApplication.PAYMENT_REMINDER_DAYS.get(PermitApplication.PAYMENT_REMINDER_DAYS.size() - 1);
        int largestExpiry = PermitApplication.EXPIRY_REMINDER_DAYS.get(0);
        int lastExpiry = PermitApplication.EXPIRY_REMINDER_DAYS.get(PermitApplication.EXPIRY_REMINDER_DAYS.size() - 1);
        Query payments = Query.query(Criteria.where("state").is(ApplicationState.AWAITING_PAYMENT.name())
                .and("levy.dueAt").gt(now).lte(now.plus(largestPayment, ChronoUnit.DAYS))
                .and("remindersSent").ne("payment-due-" + lastPayment))
                .with(Sort.by("levy.dueAt")).limit(BATCH);
        Query expiring = Query.query(Criteria.where("state").is(ApplicationState.ISSUED.name())
                .and("validUntil").gt(now).lte(now.plus(largestExpiry, ChronoUnit.DAYS))
                .and("supersededBy").isNull()
                .and("remindersSent").ne("permit-expiring-" + lastExpiry))
                .with(Sort.by("validUntil")).limit(BATCH);
        return remind(payments, now) + remind(expiring, now);
    }

    private int remind(Query query, Instant now) {
        int sent = 0;
        for (PermitApplication app : mongo.find(query, PermitApplication.class)) {
            if (app.remind(now)) {
                try {
                    repository.save(app);
                    sent++;
                }
                catch (OptimisticLockingFailureException e) {
                    log.debug("Application {} changed meanwhile (another replica reminded it?); the next round looks"
                            + " again", app.id());
                }
            }
        }
        return sent;
    }
}
