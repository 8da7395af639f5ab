package org.satupintu.notification.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;
import org.satupintu.events.EventTypes;
import org.satupintu.notification.template.TemplateCatalog;

class RoutingRulesTests {

    @Test
    void everyRoutedSituationHasEveryTemplateInBothLanguages() {
        assertThatCode(() -> TemplateCatalog.fromClasspath("templates").requireAll(RoutingRules.requiredTemplates()))
                .doesNotThrowAnyException();
        assertThat(RoutingRules.requiredTemplates()).hasSizeGreaterThan(30);
    }

    @Test
    void theApplicantHearsOfEveryStepOfTheirPermitsLifeButNotOfTheAssessment() {
        for (String type : new String[] {EventTypes.APPLICATION_APPROVED, EventTypes.APPLICATION_PAYMENT_DUE,
                EventTypes.APPLICATION_LEVY_PAID, EventTypes.APPLICATION_PERMIT_EXPIRING,
                EventTypes.APPLICATION_REVOKED, EventTypes.APPLICATION_RENEWAL_STARTED}) {
            String situation = RoutingRules.situationOf(type, false);
            assertThat(situation).as(type).isNotNull();
            assertThat(RoutingRules.BY_SITUATION.get(situation)).as(type)
                    .anyMatch(rule -> rule.audience().equals(RoutingRules.APPLICANT));
        }
        assertThat(RoutingRules.situationOf(EventTypes.APPLICATION_LEVY_ASSESSED, false)).isNull();
        assertThat(RoutingRules.BY_SITUATION.get("revoked"))
                .anyMatch(rule -> rule.audience().equals(RoutingRules.SUPERVISOR));
    }

    @Test
    void aSubmissionAfterARevisionIsAResubmission() {
        assertThat(RoutingRules.situationOf(EventTypes.APPLICATION_SUBMITTED, false)).isEqualTo("submitted");
        assertThat(RoutingRules.situationOf(EventTypes.APPLICATION_SUBMITTED, true)).isEqualTo("resubmitted");
    }

    @Test
    void recommendationsStayInsideTheOffice() {
        assertThat(RoutingRules.BY_SITUATION.get("recommended"))
                .allMatch(rule -> !rule.audience().equals(RoutingRules.APPLICANT));
        assertThat(RoutingRules.situationOf(EventTypes.DOCUMENT_UPLOADED, false)).isNull();
        assertThat(RoutingRules.situationOf(EventTypes.APPLICATION_CREATED, false)).isNull();
    }
}
