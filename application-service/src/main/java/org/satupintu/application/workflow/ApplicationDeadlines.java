package org.satupintu.application.workflow;

import java.time.Clock;
import java.time.Instant;

import org.bson.Document;
import org.satupintu.support.deadline.Deadlines;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.event.AfterSaveCallback;

/**
 * Every save of an application schedules the next point at which a job must look at it again ({@link Deadlines}):
 * its SLA due date while the office holds it (kind {@value #SLA}, for {@link SlaWatch}) and its next payment or
 * expiry reminder (kind {@value #REMINDER}, for {@link LifecycleReminders}). The jobs then read the due hours, not
 * every application ever stored. Scheduling again is harmless (the same entry is kept once); an entry whose file
 * moved on is dropped when it falls due.
 */
@Configuration(proxyBeanMethods = false)
class ApplicationDeadlines implements AfterSaveCallback<PermitApplication> {

    static final String SLA = "sla";
    static final String REMINDER = "reminder";

    private final ObjectProvider<Deadlines> deadlines;

    ApplicationDeadlines(ObjectProvider<Deadlines> deadlines) {
        this.deadlines = deadlines;
    }

    @Bean
    static Deadlines applicationDeadlineSchedule(MongoTemplate mongo, Clock clock) {
        return new Deadlines(mongo, "applications_deadlines", clock);
    }

    @Override
    public PermitApplication onAfterSave(PermitApplication app, Document document, String collection) {
        Instant dueAt = app.dueAt();
        if (app.state().officeHolds() && dueAt != null && app.slaBreachedAt() == null) {
            deadlines.getObject().schedule(SLA, app.id(), dueAt);
        }
        Instant reminder = app.nextReminderAt();
        if (reminder != null) {
            deadlines.getObject().schedule(REMINDER, app.id(), reminder);
        }
        return app;
    }
}
