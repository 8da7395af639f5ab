package org.satupintu.application.workflow;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

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
 * automatic issue under a fiktif-positif policy). Safe with several replicas: the aggregate's version makes only
 * one replica's write win; the others skip.
 */
@Component
public class SlaWatch {

    private static final Logger log = LoggerFactory.getLogger(SlaWatch.class);

    private final MongoTemplate mongo;
    private final ApplicationRepository repository;
    private final ApplicationService service;
    private final Clock clock;

    SlaWatch(MongoTemplate mongo, ApplicationRepository repository, ApplicationService service, Clock clock) {
        this.mongo = mongo;
        this.repository = repository;
        this.service = service;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${satupintu.sla.check-interval:60s}", initialDelayString = "10s")
    void scheduled() {
        check();
    }

    /** @return how many applications were marked breached */
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
