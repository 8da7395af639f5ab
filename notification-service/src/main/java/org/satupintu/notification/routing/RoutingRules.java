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
 * Who must know what, in one table. Applicants hear about their own application's milestones (a recommendation is
 * internal); office officers about new and revised submissions in their queue; supervisors about recommendations
 * awaiting their decision and missed SLAs. Webhook subscribers get every type they chose, separately.
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
