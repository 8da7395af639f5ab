package org.satupintu.application.workflow;

import java.time.Clock;

import org.bson.Document;
import org.satupintu.support.deadline.Deadlines;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.event.AfterSaveCallback;

/**
 * Every save of an application the office holds schedules its SLA due date ({@link Deadlines}, kind
 * {@value #SLA}), so {@link SlaWatch} finds the files past due by reading the due hours, not by scanning every
 * application ever stored. Scheduling again is harmless (the same entry is kept once); an entry whose file moved on
 * is dropped when it falls due.
 */
@Configuration(proxyBeanMethods = false)
class SlaDeadlines implements AfterSaveCallback<PermitApplication> {

    static final String SLA = "sla";

    private final ObjectProvider<Deadlines> deadlines;

    SlaDeadlines(ObjectProvider<Deadlines> deadlines) {
        this.deadlines = deadlines;
    }

    @Bean
    static Deadlines applicationDeadlines(MongoTemplate mongo, Clock clock) {
        return new Deadlines(mongo, "applications_deadlines", clock);
    }

    @Override
    public PermitApplication onAfterSave(PermitApplication app, Document document, String collection) {
        java.time.Instant dueAt = app.dueAt();
        if (app.state().officeHolds() && dueAt != null && app.slaBreachedAt() == null) {
            deadlines.getObject().schedule(SLA, app.id(), dueAt);
        }
        return app;
    }
}
