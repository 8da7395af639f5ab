package org.satupintu.notification.routing;

import java.time.Clock;

import org.jspecify.annotations.Nullable;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** The projection of application events this service needs; updates are idempotent upserts. */
@Component
class ApplicationContacts {

    private static final String[] FIELDS = {"applicantId", "applicantName", "applicantEmail", "applicantPhone",
        "locale", "officeCode", "registrationNumber", "permitTypeCode", "assignee"};

    private final MongoTemplate mongo;
    private final Clock clock;

    ApplicationContacts(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    @Nullable ApplicationContact find(String applicationId) {
        return mongo.findById(applicationId, ApplicationContact.class);
    }

    void apply(String applicationId, JsonNode data, boolean revisionRequested) {
        Update update = new Update().set("updatedAt", clock.instant());
        for (String field : FIELDS) {
            String value = data.path(field).asString(null);
            if (value != null && !value.isBlank()) {
                update.set(field, value);
            }
        }
        if (revisionRequested) {
            update.set("revisionRequested", true);
        }
        else {
            update.setOnInsert("revisionRequested", false);
        }
        mongo.upsert(Query.query(Criteria.where("_id").is(applicationId)), update, ApplicationContact.class);
    }
}
