package org.satupintu.notification.routing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.satupintu.notification.template.Language;
import org.satupintu.notification.template.MissingTemplateException;
import org.satupintu.notification.template.TemplateCatalog;

class NotificationRouterTests {

    @Test
    void refusesToStartWhenATemplateTheRulesNeedIsMissing() {
        Properties id = new Properties();
        id.setProperty("issued.applicant.inbox.title", "Izin terbit");
        id.setProperty("issued.applicant.inbox.body", "Izin {permitNumber} terbit");
        TemplateCatalog incomplete = TemplateCatalog.of(Map.of(Language.ID, id, Language.EN, new Properties()));
        assertThatThrownBy(() -> new NotificationRouter(incomplete, null, null, null, null, null))
                .isInstanceOf(MissingTemplateException.class)
                .hasMessageContaining("missing en:issued.applicant.inbox")
                .hasMessageContaining("missing id:submitted.officer.inbox")
                .hasMessageContaining("missing id:revision-requested.applicant.sms");
    }
}
