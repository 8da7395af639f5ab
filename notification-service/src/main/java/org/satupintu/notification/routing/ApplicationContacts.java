package org.satupintu.notification.routing;

import java.time.Clock;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.satupintu.events.ApplicationEventData;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

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

    /** Records what the event says and returns the contact as it now is (merged here, saving a read). */
    ApplicationContact apply(String applicationId, @Nullable ApplicationContact before, ApplicationEventData event,
            boolean revisionRequested) {
        Map<String, @Nullable String> data = fields(event);
        Update update = new Update().set("updatedAt", clock.instant());
        for (String field : FIELDS) {
            String value = data.get(field);
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
        return new ApplicationContact(applicationId,
                pick(data, "applicantId", before == null ? null : before.applicantId()),
                pick(data, "applicantName", before == null ? null : before.applicantName()),
                pick(data, "applicantEmail", before == null ? null : before.applicantEmail()),
                pick(data, "applicantPhone", before == null ? null : before.applicantPhone()),
                pick(data, "locale", before == null ? null : before.locale()),
                pick(data, "officeCode", before == null ? null : before.officeCode()),
                pick(data, "registrationNumber", before == null ? null : before.registrationNumber()),
                pick(data, "permitTypeCode", before == null ? null : before.permitTypeCode()),
                pick(data, "assignee", before == null ? null : before.assignee()),
                revisionRequested || (before != null && before.revisionRequested()), clock.instant());
    }

    private static Map<String, @Nullable String> fields(ApplicationEventData data) {
        Map<String, @Nullable String> fields = new HashMap<>();
        fields.put("applicantId", data.applicantId());
        fields.put("applicantName", data.applicantName());
        fields.put("applicantEmail", data.applicantEmail());
        fields.put("applicantPhone", data.applicantPhone());
        fields.put("locale", data.locale());
        fields.put("officeCode", data.officeCode());
        fields.put("registrationNumber", data.registrationNumber());
        fields.put("permitTypeCode", data.permitTypeCode());
        fields.put("assignee", data.assignee());
        return fields;
    }

    private static @Nullable String pick(Map<String, @Nullable String> data, String field, @Nullable String previous) {
        String value = data.get(field);
        return value != null && !value.isBlank() ? value : previous;
    }
}
