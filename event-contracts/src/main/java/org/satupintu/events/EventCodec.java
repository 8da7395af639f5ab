package org.satupintu.events;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps the event records to and from the CloudEvents 1.0 structured JSON envelope by type name. The wire form is
 * the envelope with the record's payload as {@code data}; the Java class name never travels. Decoding ignores
 * unknown types (empty) and unknown fields, and refuses what is not a usable event of this contract with
 * {@link EventFormatException} (which consumers dead-letter without retrying).
 */
public final class EventCodec {

    private record Binding<D>(String type, Class<? extends SatuPintuEvent> eventClass, Class<D> dataClass,
            Function<D, SatuPintuEvent> create) {
    }

    private static final Map<String, Binding<?>> BY_TYPE = new LinkedHashMap<>();
    private static final Map<Class<?>, String> TYPE_BY_CLASS = new LinkedHashMap<>();

    static {
        bind(EventTypes.APPLICATION_CREATED, ApplicationCreated.class, ApplicationEventData.class,
                ApplicationCreated::new);
        bind(EventTypes.APPLICATION_SUBMITTED, ApplicationSubmitted.class, ApplicationEventData.class,
                ApplicationSubmitted::new);
        bind(EventTypes.APPLICATION_ASSIGNED, ApplicationAssigned.class, ApplicationEventData.class,
                ApplicationAssigned::new);
        bind(EventTypes.APPLICATION_REVISION_REQUESTED, RevisionRequested.class, ApplicationEventData.class,
                RevisionRequested::new);
        bind(EventTypes.APPLICATION_RECOMMENDED, ApplicationRecommended.class, ApplicationEventData.class,
                ApplicationRecommended::new);
        bind(EventTypes.APPLICATION_ISSUED, PermitIssued.class, ApplicationEventData.class, PermitIssued::new);
        bind(EventTypes.APPLICATION_REJECTED, ApplicationRejected.class, ApplicationEventData.class,
                ApplicationRejected::new);
        bind(EventTypes.APPLICATION_WITHDRAWN, ApplicationWithdrawn.class, ApplicationEventData.class,
                ApplicationWithdrawn::new);
        bind(EventTypes.APPLICATION_SLA_BREACHED, SlaBreached.class, ApplicationEventData.class, SlaBreached::new);
        bind(EventTypes.APPLICATION_LEVY_ASSESSED, LevyAssessed.class, ApplicationEventData.class, LevyAssessed::new);
        bind(EventTypes.APPLICATION_APPROVED, ApplicationApproved.class, ApplicationEventData.class, ApplicationApproved::new);
        bind(EventTypes.APPLICATION_PAYMENT_DUE, PaymentDue.class, ApplicationEventData.class, PaymentDue::new);
        bind(EventTypes.APPLICATION_LEVY_PAID, LevyPaid.class, ApplicationEventData.class, LevyPaid::new);
        bind(EventTypes.APPLICATION_PERMIT_EXPIRING, PermitExpiring.class, ApplicationEventData.class, PermitExpiring::new);
        bind(EventTypes.APPLICATION_REVOKED, PermitRevoked.class, ApplicationEventData.class, PermitRevoked::new);
        bind(EventTypes.APPLICATION_RENEWAL_STARTED, RenewalStarted.class, ApplicationEventData.class, RenewalStarted::new);
        bind(EventTypes.DOCUMENT_UPLOADED, DocumentUploaded.class, DocumentEventData.class, DocumentUploaded::new);
        bind(EventTypes.DOCUMENT_REMOVED, DocumentRemoved.class, DocumentEventData.class, DocumentRemoved::new);
        bind(EventTypes.CERTIFICATE_GENERATED, CertificateGenerated.class, DocumentEventData.class,
                CertificateGenerated::new);
        bind(EventTypes.NOTIFICATION_DELIVERY_FAILED, DeliveryFailed.class, DeliveryFailedData.class,
                DeliveryFailed::new);
    }

    private static <D> void bind(String type, Class<? extends SatuPintuEvent> eventClass, Class<D> dataClass,
            Function<D, SatuPintuEvent> create) {
        BY_TYPE.put(type, new Binding<>(type, eventClass, dataClass, create));
        TYPE_BY_CLASS.put(eventClass, type);
    }

    private final JsonMapper json;

    public EventCodec(JsonMapper json) {
        this.json = json;
    }

    /** The CloudEvents type name of an event record, e.g. {@code satupintu.application.submitted.v1}. */
    public static String typeOf(SatuPintuEvent event) {
        return typeOf(event.getClass());
    }

    public static String typeOf(Class<? extends SatuPintuEvent> eventClass) {
        String type = TYPE_BY_CLASS.get(eventClass);
        if (type == null) {
            throw new IllegalArgumentException("No type name for " + eventClass.getName());
        }
        return type;
    }

    @SuppressWarnings("unchecked")
    private static <D> SatuPintuEvent create(Binding<D> binding, Object data) {
        return binding.create().apply((D) data);
    }

    /** The structured-mode JSON of an event: the envelope's {@code type} comes from the record's class. */
    public String encode(String id, String source, Instant time, SatuPintuEvent event) {
        return json.writeValueAsString(new CloudEvent<>(CloudEvent.SPEC_VERSION, id, source, typeOf(event),
                event.applicationId(), time, CloudEvent.JSON, event.data()));
    }

    /**
     * The event in a record's value, with its envelope; empty for a type this contract does not know.
     *
     * @throws EventFormatException when the value is not JSON, lacks envelope members, or its data does not fit
     */
    public Optional<CloudEvent<SatuPintuEvent>> decode(String value) {
        JsonNode envelope;
        try {
            envelope = json.readTree(value);
        }
        catch (JacksonException e) {
            throw new EventFormatException("Not JSON", e);
        }
        if (envelope == null || !envelope.isObject()) {
            throw new EventFormatException("Not a CloudEvent object");
        }
        String type = text(envelope, "type");
        Binding<?> binding = BY_TYPE.get(type);
        if (binding == null) {
            return Optional.empty();
        }
        String id = text(envelope, "id");
        String source = text(envelope, "source");
        Instant time;
        try {
            time = Instant.parse(text(envelope, "time"));
        }
        catch (DateTimeParseException e) {
            throw new EventFormatException("CloudEvent with a bad time", e);
        }
        JsonNode data = envelope.get("data");
        if (data == null || !data.isObject()) {
            throw new EventFormatException("CloudEvent " + type + " without data");
        }
        Object payload;
        try {
            payload = json.treeToValue(data, binding.dataClass());
        }
        catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new EventFormatException("CloudEvent " + type + " with data of the wrong shape: " + e.getMessage(), e);
        }
        JsonNode subject = envelope.get("subject");
        return Optional.of(new CloudEvent<>(envelope.path("specversion").asString(CloudEvent.SPEC_VERSION),
                id, source, type,
                subject == null || subject.isNull() ? null : subject.asString(), time, CloudEvent.JSON,
                create(binding, payload)));
    }

    /**
     * An event as a consumer of {@code topic} may trust it: its {@code source} is the topic's owner and its type is
     * one of the topic's. Anything else is refused ({@link UntrustedEventException}), so it is dead-lettered and
     * never acted on; types this contract does not know are ignored (empty), as with {@link #decode(String)}.
     */
    public <E extends SatuPintuEvent> Optional<CloudEvent<E>> decodeFrom(String topic, String value, Class<E> kind) {
        Optional<CloudEvent<SatuPintuEvent>> decoded = decode(value);
        if (decoded.isEmpty()) {
            return Optional.empty();
        }
        CloudEvent<SatuPintuEvent> event = decoded.get();
        String owner = EventSources.ownerOf(topic);
        if (!owner.equals(event.source())) {
            throw new UntrustedEventException("Event " + event.id() + " on " + topic + " claims source "
                    + event.source() + "; only " + owner + " publishes there");
        }
        if (!EventTypes.topicOf(event.type()).map(topic::equals).orElse(false)) {
            throw new UntrustedEventException("Event " + event.id() + " of type " + event.type()
                    + " does not belong on " + topic);
        }
        return narrow(event, kind);
    }

    /** Like {@link #decode(String)}, but only events of one kind (e.g. {@code DocumentEvent.class}). */
    public <E extends SatuPintuEvent> Optional<CloudEvent<E>> decode(String value, Class<E> kind) {
        return decode(value).flatMap(e -> narrow(e, kind));
    }

    private static <E extends SatuPintuEvent> Optional<CloudEvent<E>> narrow(CloudEvent<SatuPintuEvent> e,
            Class<E> kind) {
        return kind.isInstance(e.data()) ? Optional.of(new CloudEvent<>(e.specversion(), e.id(), e.source(), e.type(),
                e.subject(), e.time(), e.datacontenttype(), kind.cast(e.data()))) : Optional.empty();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString() || value.asString().isBlank()) {
            throw new EventFormatException("CloudEvent without " + field);
        }
        return value.asString();
    }
}
