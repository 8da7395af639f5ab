package org.satupintu.application.workflow;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.satupintu.support.deadline.Deadlines;
import org.satupintu.support.schedule.SingleRun;
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
 * and 7 days before). Each goes out once, across restarts and replicas: one replica at a time runs each round
 * ({@link SingleRun}), and the aggregate records the reminder in the same version-guarded write as its event, so
 * even two overlapping runs send it once, as with {@link SlaWatch}.
 *
 * <p>Every {@code satupintu.lifecycle.check-interval} (60 s) it reads the reminder times that have passed from
 * {@link Deadlines} (kind {@value ApplicationDeadlines#REMINDER}; every save schedules the application's next
 * reminder, see {@link ApplicationDeadlines}) and looks at those applications only. Every
 * {@code satupintu.lifecycle.sweep-interval} (1 h) a sweep queries the applications themselves, so a reminder whose
 * schedule was lost is still sent, at most an hour late. On the embedded store that query is a scan, so it is rare;
 * the minute check's cost does not grow with the data.
 */
@Component
public class LifecycleReminders {

    private static final Logger log = LoggerFactory.getLogger(LifecycleReminders.class);
    private static final int BATCH = 200;
    /** The lock names: one replica at a time runs each (see {@link SingleRun}). */
    static final String JOB = "lifecycle-reminders";
    static final String SWEEP_JOB = "lifecycle-sweep";

    private final MongoTemplate mongo;
    private final ApplicationRepository repository;
    private final Deadlines deadlines;
    private final Clock clock;
    private final SingleRun singleRun;

    LifecycleReminders(MongoTemplate mongo, ApplicationRepository repository, Deadlines deadlines, Clock clock,
            SingleRun singleRun) {
        this.singleRun = singleRun;
        this.mongo = mongo;
        this.repository = repository;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${satupintu.lifecycle.check-interval:60s}", initialDelayString = "15s")
    void scheduled() {
        singleRun.run(JOB, SlaWatch.LOCK_AT_MOST, this::check);
    }

    @Scheduled(fixedDelayString = "${satupintu.lifecycle.sweep-interval:1h}", initialDelayString = "45s")
    void scheduledSweep() {
        singleRun.run(SWEEP_JOB, SlaWatch.LOCK_AT_MOST, this::sweep);
    }

    /** Sends the reminders whose scheduled time has passed. @return how many reminders were sent */
    public int check() {
        Instant now = clock.instant();
        int sent = 0;
        for (Deadlines.Entry due : deadlines.due(ApplicationDeadlines.REMINDER, BATCH)) {
            PermitApplication app = repository.findById(due.id()).orElse(null);
            if (app != null && send(app, now)) {
                sent++;
            }
            deadlines.done(due);
        }
        return sent;
    }

    /**
     * The sweep: sends the reminders found by a query on the applications (at most {@value #BATCH} of each kind a
     * round). @return how many reminders were sent
     */
    public int sweep() {
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
            if (send(app, now)) {
                sent++;
            }
        }
        return sent;
    }

    /** Sends the application's due reminder, if any; the save schedules the next one. */
    private boolean send(PermitApplication app, Instant now) {
        if (!app.remind(now)) {
            return false;
        }
        try {
            repository.save(app);
            return true;
        }
        catch (OptimisticLockingFailureException e) {
            log.debug("Application {} changed meanwhile (another replica reminded it?); its save scheduled the next"
                    + " reminder again", app.id());
            return false;
        }
    }
}
