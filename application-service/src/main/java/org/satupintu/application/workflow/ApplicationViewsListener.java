package org.satupintu.application.workflow;

import org.springframework.data.mongodb.core.mapping.event.AbstractMongoEventListener;
import org.springframework.data.mongodb.core.mapping.event.AfterSaveEvent;
import org.springframework.data.mongodb.core.mapping.event.BeforeConvertEvent;
import org.springframework.stereotype.Component;

/**
 * Keeps {@link ApplicationViews} in step with every insert and save of an application, whoever makes it (use
 * cases, the checklist updater, the SLA watch), in the saving thread.
 */
@Component
class ApplicationViewsListener extends AbstractMongoEventListener<PermitApplication> {

    private final ApplicationViews views;

    ApplicationViewsListener(ApplicationViews views) {
        this.views = views;
    }

    @Override
    public void onBeforeConvert(BeforeConvertEvent<PermitApplication> event) {
        views.beforeSave(event.getSource().id());
    }

    @Override
    public void onAfterSave(AfterSaveEvent<PermitApplication> event) {
        views.afterSave(event.getSource());
    }
}
