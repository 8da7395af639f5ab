package org.satupintu.application.workflow;

import java.util.List;

import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexDefinition;
import org.springframework.stereotype.Component;

/**
 * The index plan of the {@code applications} collection for a real MongoDB: the queries that still run on the
 * collection there (an admin's search over every office with a filter or order the read model does not keep, the
 * lists and statistics until the read model is built after an upgrade), the SLA sweep (office-held states past their
 * due date), the lifecycle reminders (bills by due date, permits by validity) and the outbox sweep. Created at start
 * (idempotent). The hot reads (an applicant's list, an office's list and queue, the statistics) come from
 * {@link ApplicationViews}, whose documents are read by {@code _id} only, on either store. The embedded
 * MongoDB-wire store of the local stack ignores non-unique indexes (see {@code org.satupintu.support.readmodel}).
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
