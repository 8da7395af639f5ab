package org.satupintu.application.workflow;

import java.util.List;

import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexDefinition;
import org.springframework.stereotype.Component;

/**
 * The index plan of the {@code applications} collection for a real MongoDB, one index per hot query: the office
 * queue and office lists (by office, then state and due date, or newest first), an applicant's own list, the SLA
 * watch (office-held states past their due date), the lifecycle reminders (bills by due date, permits by
 * validity), the outbox relay's claim and the statistics. Created at start
 * (idempotent). The embedded MongoDB-wire store of the local stack ignores non-unique indexes.
 */
@Component
public class ApplicationIndexes {

    /** The plan, by name. */
    public static final List<IndexDefinition> PLAN = List.of(
            new Index().named("office_queue").on("officeCode", Direction.ASC).on("state", Direction.ASC)
                    .on("dueAt", Direction.ASC),
            new Index().named("office_newest").on("officeCode", Direction.ASC).on("createdAt", Direction.DESC),
            new Index().named("applicant_newest").on("applicant.id", Direction.ASC).on("createdAt", Direction.DESC),
            new Index().named("sla_watch").on("state", Direction.ASC).on("dueAt", Direction.ASC),
            new Index().named("outbox_claim").on("outbox.0", Direction.ASC).on("outboxLease", Direction.ASC)
                    .sparse(),
            new Index().named("registration_number").on("registrationNumber", Direction.ASC).sparse(),
            new Index().named("levy_due").on("state", Direction.ASC).on("levy.dueAt", Direction.ASC),
            new Index().named("validity").on("state", Direction.ASC).on("validUntil", Direction.ASC));

    ApplicationIndexes(MongoTemplate mongo) {
        var indexes = mongo.indexOps(PermitApplication.class);
        PLAN.forEach(indexes::createIndex);
    }
}
