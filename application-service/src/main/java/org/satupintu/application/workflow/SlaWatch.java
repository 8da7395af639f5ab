package org.satupintu.application.workflow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

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
 * Finds applications whose SLA passed while the office held them and marks each breached once (event, and
 * automatic issue under a fiktif-positif policy). With several replicas one runs each round at a time
 * ({@link SingleRun}, a ShedLock lock in MongoDB; the others skip the round), and the aggregate's version still makes
 * only one write win if a lock expired under a slow run.
 *
 * <p>Every {@code satupintu.sla.check-interval} (60 s) it reads the due dates that have passed from
 * {@link Deadlines} (kind {@value ApplicationDeadlines#SLA}, scheduled with every save, see {@link ApplicationDeadlines}) and looks
 * at those applications only; every {@code satupintu.sla.sweep-interval} (1 h) a sweep queries the applications
 * themselves, so a file whose schedule was lost (saved before the deadlines existed, or a crash between its save and
 * its schedule) is still marked, at most an hour late. On the embedded store that sweep is a scan, so it is rare; the
 * check's cost does not grow with the data.
 */
@Component
public class SlaWatch {

    private static final Logger log = LoggerFactory.getLogger(SlaWatch.class);
    /** The lock names: one replica at a time runs each (see {@link SingleRun}). */
    static final String JOB = "sla-watch";
    static final String SWEEP_JOB = "sla-sweep";
    /** A replica that dies mid-run holds the lock at most this long. */
    static final Duration LOCK_AT_MOST = Duration.ofMinutes(10);

    private final MongoTemplate mongo;
    private final ApplicationRepository repository;
    private final ApplicationService service;
    private final Deadlines deadlines;
    private final Clock clock;
    private final SingleRun singleRun;

    SlaWatch(MongoTemplate mongo, ApplicationRepository repository, ApplicationService service, Deadlines deadlines,
            Clock clock, SingleRun singleRun) {
        this.singleRun = singleRun;
        this.mongo = mongo;
        this.repository = repository;
        this.service = service;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${satupintu.sla.check-interval:60s}", initialDelayString = "10s")
    /** The minute round: {@link #checkDue()} on one replica at a time. @return whether it ran here */
    public boolean scheduled() {
        return singleRun.run(JOB, LOCK_AT_MOST, this::checkDue);
    }

    @Scheduled(fixedDelayString = "${satupintu.sla.sweep-interval:1h}", initialDelayString = "30s")
    void scheduledSweep() {
        singleRun.run(SWEEP_JOB, LOCK_AT_MOST, this::check);
    }

    /** Marks the applications whose scheduled SLA date has passed. @return how many were marked breached */
    public int checkDue() {
        Instant now = clock.instant();
        int marked = 0;
        for (Deadlines.Entry due : deadlines.due(ApplicationDeadlines.SLA, 200)) {
            PermitApplication app = repository.findById(due.id()).orElse(null);
            if (app != null && app.markSlaBreached(now, service.numbers(), service.terms())) {
                try {
                    service.afterIssue(repository.save(app));
                    marked++;
                }
                catch (OptimisticLockingFailureException e) {
                    log.debug("Application {} changed meanwhile; its next save schedules it again", app.id());
                }
            }
            deadlines.done(due);
        }
        return marked;
    }

    /**
     * The sweep: marks every application past its SLA found by a query on the applications (at most 200 a round).
     * @return how many applications were marked breached
     */
    public int check() {
        Instant now = clock.instant();
        Query query = Query.query(Criteria.where("state").in(List.of(ApplicationState.SUBMITTED.name(),
                ApplicationState.UNDER_REVIEW.name(), ApplicationState.RECOMMENDED.name()))
                .and("dueAt").lt(now).and("slaBreachedAt").isNull())
                .with(Sort.by("dueAt")).limit(200);
        int marked = 0;
        for (PermitApplication app : mongo.find(query, PermitApplication.class)) {
            if (app.markSlaBreached(now, service.numbers(), service.terms())) {
                try {
                    service.afterIssue(repository.save(app));
                    marked++;
                }
                catch (OptimisticLockingFailureException e) {
                    log.debug("Application {} changed meanwhile; the next round looks again", app.id());
                }
            }
        }
        return marked;
    }
}
