package org.satupintu.notification.routing;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.satupintu.events.EventTypes;
import org.satupintu.notification.delivery.Channel;
import org.satupintu.notification.template.Language;
import org.satupintu.notification.template.TemplateKey;

/**
 * Who must know what, in one table. Applicants hear about their own application's milestones (a recommendation and
 * a levy assessment are internal) and their permit's life (levy billed and due, paid, expiring, revoked, renewal
 * opened); office officers about new and revised submissions in their queue; supervisors about recommendations
 * awaiting their decision, missed SLAs and revocations in their office. Webhook subscribers get every type they chose, separately.
 */
final class RoutingRules {

    static final String APPLICANT = "applicant";
    static final String OFFICER = "officer";
    static final String SUPERVISOR = "supervisor";

    record Rule(String audience, Set<Channel> channels) {
    }

    private static final Set<Channel> ALL = EnumSet.of(Channel.INBOX, Channel.EMAIL, Channel.SMS);
    private static final Set<Channel> INBOX_EMAIL = EnumSet.of(Channel.INBOX, Channel.EMAIL);
    private static final Set<Channel> INBOX = EnumSet.of(Channel.INBOX);

    static final Map<String, List<Rule>> BY_SITUATION = new LinkedHashMap<>();

    static {
        BY_SITUATION.put("submitted", List.of(new Rule(APPLICANT, ALL), new Rule(OFFICER, INBOX)));
        BY_SITUATION.put("resubmitted", List.of(new Rule(APPLICANT, INBOX_EMAIL), new Rule(OFFICER, INBOX)));
        BY_SITUATION.put("revision-requested", List.of(new Rule(APPLICANT, ALL)));
        BY_SITUATION.put("recommended", List.of(new Rule(SUPERVISOR, INBOX)));
        BY_SITUATION.put("issued", List.of(new Rule(APPLICANT, ALL)));
        BY_SITUATION.put("rejected", List.of(new Rule(APPLICANT, ALL)));
        BY_SITUATION.put("certificate-ready", List.of(new Rule(APPLICANT, INBOX_EMAIL)));
        BY_SITUATION.put("sla-breached", List.of(new Rule(APPLICANT, INBOX_EMAIL), new Rule(SUPERVISOR, INBOX)));
        // The permit's life. The levy notice (SKRD) and its reminders go everywhere the applicant can be reached: a
        // missed due date costs them the permit. The assessment itself is the officer's working step.
        BY_SITUATION.put("approved", List.of(new Rule(APPLICANT, ALL)));
        BY_SITUATION.put("payment-due", List.of(new Rule(APPLICANT, ALL)));
        BY_SITUATION.put("levy-paid", List.of(new Rule(APPLICANT, INBOX_EMAIL)));
        BY_SITUATION.put("permit-expiring", List.of(new Rule(APPLICANT, ALL)));
        BY_SITUATION.put("revoked", List.of(new Rule(APPLICANT, ALL), new Rule(SUPERVISOR, INBOX)));
        BY_SITUATION.put("renewal-started", List.of(new Rule(APPLICANT, INBOX)));
    }

    private RoutingRules() {
    }

    /** The situation an event is, or null when nobody is told in person (webhooks may still be). */
    static @Nullable String situationOf(String eventType, boolean revisionWasRequested) {
        return switch (eventType) {
            case EventTypes.APPLICATION_SUBMITTED -> revisionWasRequested ? "resubmitted" : "submitted";
            case EventTypes.APPLICATION_REVISION_REQUESTED -> "revision-requested";
            case EventTypes.APPLICATION_RECOMMENDED -> "recommended";
            case EventTypes.APPLICATION_ISSUED -> "issued";
            case EventTypes.APPLICATION_REJECTED -> "rejected";
            case EventTypes.CERTIFICATE_GENERATED -> "certificate-ready";
            case EventTypes.APPLICATION_SLA_BREACHED -> "sla-breached";
            case EventTypes.APPLICATION_APPROVED -> "approved";
            case EventTypes.APPLICATION_PAYMENT_DUE -> "payment-due";
            case EventTypes.APPLICATION_LEVY_PAID -> "levy-paid";
            case EventTypes.APPLICATION_PERMIT_EXPIRING -> "permit-expiring";
            case EventTypes.APPLICATION_REVOKED -> "revoked";
            case EventTypes.APPLICATION_RENEWAL_STARTED -> "renewal-started";
            default -> null;
        };
    }

    /** Every template the rules can ask for, in every language: checked at start-up. */
    static Set<TemplateKey> requiredTemplates() {
        Set<TemplateKey> keys = new HashSet<>();
        BY_SITUATION.forEach((situation, rules) -> rules.forEach(rule -> rule.channels()
                .forEach(channel -> {
                    for (Language language : Language.values()) {
                        keys.add(new TemplateKey(situation, rule.audience(), channel, language));
                    }
                })));
        return keys;
    }
}
