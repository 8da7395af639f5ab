package org.satupintu.notification.routing;

import java.util.HashMap;
import java.util.Optional;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.satupintu.events.ApplicationEvent;
import org.satupintu.events.ApplicationEventData;
import org.satupintu.events.LevyData;
import org.satupintu.events.ApplicationSubmitted;
import org.satupintu.events.CloudEvent;
import org.satupintu.events.DocumentEvent;
import org.satupintu.events.DocumentEventData;
import org.satupintu.events.NotificationEvent;
import org.satupintu.events.RevisionRequested;
import org.satupintu.events.SatuPintuEvent;
import org.satupintu.events.WalkIn;
import org.satupintu.support.kafka.MalformedEventException;
import org.satupintu.notification.delivery.Channel;
import org.satupintu.notification.delivery.DeliveryLog;
import org.satupintu.notification.delivery.DeliveryLog.NewDelivery;
import org.satupintu.notification.inbox.Inbox;
import org.satupintu.notification.inbox.Recipients;
import org.satupintu.notification.sms.PhoneNumbers;
import org.satupintu.notification.template.Language;
import org.satupintu.notification.template.RenderedMessage;
import org.satupintu.notification.template.TemplateCatalog;
import org.satupintu.notification.template.TemplateKey;
import org.satupintu.notification.webhook.WebhookSubscription;
import org.satupintu.notification.webhook.Webhooks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Turns one event into what must happen: in-app notifications stored at once, email/SMS/webhook deliveries
 * recorded for the dispatcher. Everything is keyed by (event id, recipient, channel), so handling the same event
 * again changes nothing. Refuses to start when a template the rules need is missing.
 */
@Service
public class NotificationRouter {

    private static final Logger log = LoggerFactory.getLogger(NotificationRouter.class);

    private final TemplateCatalog templates;
    private final ApplicationContacts contacts;
    private final Inbox inbox;
    private final DeliveryLog deliveries;
    private final Webhooks webhooks;
    private final NotificationProperties properties;

    NotificationRouter(TemplateCatalog templates, ApplicationContacts contacts, Inbox inbox, DeliveryLog deliveries,
            Webhooks webhooks, NotificationProperties properties) {
        templates.requireAll(RoutingRules.requiredTemplates());
        this.templates = templates;
        this.contacts = contacts;
        this.inbox = inbox;
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.properties = properties;
    }

    /** What one event caused (counts of newly stored or recorded items; zero for a redelivered event). */
    public record Outcome(int inApp, int deliveries) {
    }

    /**
     * @param event the decoded CloudEvent (types this contract does not know are not handed in)
     * @param raw the record value as received, which webhooks forward unchanged
     */
    public Outcome handle(CloudEvent<SatuPintuEvent> event, String raw) {
        String type = event.type();
        String eventId = event.id();
        String applicationId = event.data().applicationId();
        if (applicationId == null || applicationId.isBlank()) {
            throw new MalformedEventException("Event " + eventId + " names no application");
        }
        Facts data = Facts.of(event.data());
        ApplicationContact before = contacts.find(applicationId);
        ApplicationContact after = event.data() instanceof ApplicationEvent application
                ? contacts.apply(applicationId, before, application.data(), application instanceof RevisionRequested)
                : before;
        String officeCode = blankToNull(data.officeCode());
        if (officeCode == null && before != null) {
            officeCode = before.officeCode();
        }

        int inApp = 0;
        int sends = 0;
        String situation = RoutingRules.situationOf(type,
                before != null && before.revisionRequested() && event.data() instanceof ApplicationSubmitted);
        if (situation != null) {
            ApplicationContact contact = after;
            if (contact == null) {
                throw new ApplicantNotYetKnownException(applicationId);
            }
            Map<String, @Nullable String> values = values(data, contact, applicationId);
            for (RoutingRules.Rule rule : RoutingRules.BY_SITUATION.getOrDefault(situation, java.util.List.of())) {
                Audience audience = audience(rule.audience(), contact, officeCode);
                if (audience == null) {
                    continue;
                }
                for (Channel channel : rule.channels()) {
                    TemplateKey key = new TemplateKey(situation, rule.audience(), channel, audience.language());
                    RenderedMessage message = templates.render(key, values);
                    String registrationNumber = values.get("registrationNumber");
                    switch (channel) {
                        case INBOX -> {
                            if (audience.inboxRecipient() != null && inbox.store(new Inbox.NewNotification(
                                    DeliveryLog.idOf(eventId, audience.inboxRecipient(), Channel.INBOX),
                                    audience.inboxRecipient(), eventId, type, applicationId, registrationNumber,
                                    message.title(), message.body(), audience.language().code()))) {
                                inApp++;
                            }
                        }
                        case EMAIL -> {
                            String email = contact.applicantEmail();
                            if (rule.audience().equals(RoutingRules.APPLICANT) && email != null && !email.isBlank()
                                    && deliveries.enqueue(new NewDelivery(Channel.EMAIL, audience.key(), email.trim(),
                                            eventId, type, applicationId, registrationNumber, officeCode, null,
                                            message.title(), message.body()))) {
                                sends++;
                            }
                        }
                        case SMS -> {
                            String phone = contact.applicantPhone();
                            if (rule.audience().equals(RoutingRules.APPLICANT) && phone != null && !phone.isBlank()) {
                                Optional<String> e164 = PhoneNumbers.toE164(phone);
                                NewDelivery sms = new NewDelivery(Channel.SMS, audience.key(), e164.orElse(phone),
                                        eventId, type, applicationId, registrationNumber, officeCode, null, null,
                                        message.body());
                                if (e164.isPresent() ? deliveries.enqueue(sms)
                                        : deliveries.recordHopeless(sms, "not a phone number we can send to")) {
                                    sends++;
                                }
                            }
                        }
                        case WEBHOOK -> {
                            // webhooks are per subscription, below
                        }
                    }
                }
            }
        }
        if (officeCode != null) {
            for (WebhookSubscription subscription : webhooks.matching(officeCode, type)) {
                if (deliveries.enqueue(new NewDelivery(Channel.WEBHOOK, "webhook:" + subscription.id(),
                        subscription.url(), eventId, type, applicationId, blankToNull(data.registrationNumber()),
                        officeCode, subscription.id(), null, raw))) {
                    sends++;
                }
            }
        }
        else {
            log.debug("Event {} has no office; no webhooks", eventId);
        }
        return new Outcome(inApp, sends);
    }

    /** One audience of an event: its recipient key, inbox key (null when it has no inbox) and language. */
    private record Audience(String key, @Nullable String inboxRecipient, Language language) {
    }

    private @Nullable Audience audience(String audience, ApplicationContact contact, @Nullable String officeCode) {
        if (audience.equals(RoutingRules.APPLICANT)) {
            String applicantId = contact.applicantId();
            if (applicantId == null) {
                return null;
            }
            String key = Recipients.user(applicantId);
            // Someone an office filed for has no account, hence no inbox; email and SMS still reach them.
            return new Audience(key, WalkIn.isWalkIn(applicantId) ? null : key, Language.of(contact.locale()));
        }
        if (officeCode == null) {
            return null;
        }
        String key = Recipients.office(officeCode, audience);
        return new Audience(key, key, Language.of(properties.staffLocale()));
    }

    /** The payload fields the templates and routing use, from either kind of event. */
    private record Facts(@Nullable String registrationNumber, @Nullable String permitTypeCode,
            @Nullable String permitNumber, @Nullable String comment, @Nullable String applicantName,
            @Nullable String officeCode, @Nullable String state, @Nullable String actor, @Nullable String assignee,
            @Nullable LevyData levy, java.time.@Nullable Instant validUntil, @Nullable Integer daysBefore) {

        static Facts of(SatuPintuEvent event) {
            return switch (event) {
                case ApplicationEvent a -> {
                    ApplicationEventData d = a.data();
                    yield new Facts(d.registrationNumber(), d.permitTypeCode(), d.permitNumber(), d.comment(),
                            d.applicantName(), d.officeCode(), d.state(), d.actor(), d.assignee(), d.levy(),
                            d.validUntil(), d.reminderDaysBefore());
                }
                case DocumentEvent doc -> {
                    DocumentEventData d = doc.data();
                    yield new Facts(d.registrationNumber(), d.permitTypeCode(), d.permitNumber(), null, null,
                            d.officeCode(), d.state(), null, null, null, null, null);
                }
                case NotificationEvent n -> new Facts(null, null, null, null, null, null, null, null, null, null, null,
                        null);
            };
        }
    }

    private Map<String, @Nullable String> values(Facts data, ApplicationContact contact, String applicationId) {
        Map<String, @Nullable String> values = new HashMap<>();
        values.put("registrationNumber", firstNonBlank(blankToNull(data.registrationNumber()), contact.registrationNumber()));
        values.put("permitTypeCode", firstNonBlank(blankToNull(data.permitTypeCode()), contact.permitTypeCode()));
        values.put("permitNumber", blankToNull(data.permitNumber()));
        values.put("comment", blankToNull(data.comment()));
        values.put("applicantName", firstNonBlank(blankToNull(data.applicantName()), contact.applicantName()));
        values.put("officeCode", firstNonBlank(blankToNull(data.officeCode()), contact.officeCode()));
        values.put("state", blankToNull(data.state()));
        values.put("actor", blankToNull(data.actor()));
        values.put("assignee", firstNonBlank(blankToNull(data.assignee()), contact.assignee()));
        String base = properties.webBaseUrl().endsWith("/")
                ? properties.webBaseUrl().substring(0, properties.webBaseUrl().length() - 1)
                : properties.webBaseUrl();
        values.put("link", base + "/applications/" + applicationId);
        LevyData levy = data.levy();
        if (levy != null) {
            values.put("billingCode", levy.billingCode());
            values.put("levyAmount", levy.amountIdr() == null ? null
                    : "Rp " + java.text.NumberFormat.getIntegerInstance(java.util.Locale.forLanguageTag("id-ID"))
                            .format(levy.amountIdr()));
            values.put("levyDueAt", levy.dueAt() == null ? null : when(levy.dueAt()));
        }
        values.put("validUntil", data.validUntil() == null ? null : when(data.validUntil()));
        values.put("daysBefore", data.daysBefore() == null ? null : String.valueOf(data.daysBefore()));
        return values;
    }

    /** A date and time as the office's clock shows it, e.g. {@code 2026-12-30 10:00 (Asia/Makassar)}. */
    private String when(java.time.Instant at) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(at.atZone(properties.zone()))
                + " (" + properties.zone().getId() + ")";
    }

    private static @Nullable String firstNonBlank(@Nullable String a, @Nullable String b) {
        return a != null && !a.isBlank() ? a : b;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
