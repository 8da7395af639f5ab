package org.satupintu.notification.webhook;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.satupintu.events.EventTypes;
import org.satupintu.notification.delivery.Delivery;
import org.satupintu.notification.delivery.DeliveryLog;
import org.satupintu.support.problem.ApiException;
import org.satupintu.support.problem.FieldError;
import org.satupintu.support.security.Caller;
import org.satupintu.support.security.Role;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Webhook subscriptions of regional offices. An integration client manages its own office's (from the token's
 * {@code office} claim); an admin names the office. Operators (API.md: "ops: queue and delivery views") may read
 * every office's subscriptions and deliveries but change nothing. Nobody else may. Another office's subscription is
 * "not found".
 */
@Service
public class Webhooks {

    private final MongoTemplate mongo;
    private final TargetGuard targets;
    private final DeliveryLog deliveries;
    private final WebhooksProperties properties;
    private final Clock clock;

    Webhooks(MongoTemplate mongo, TargetGuard targets, DeliveryLog deliveries, WebhooksProperties properties,
            Clock clock) {
        this.mongo = mongo;
        this.targets = targets;
        this.deliveries = deliveries;
        this.properties = properties;
        this.clock = clock;
    }

    /** A new subscription and its secret, which is shown this once. */
    public record Created(WebhookSubscription subscription, String secret) {
    }

    public Created create(Caller caller, String url, List<String> eventTypes, @Nullable String officeCode) {
        String office = officeFor(caller, officeCode);
        List<FieldError> unknown = eventTypes.stream().filter(t -> !EventTypes.isKnown(t))
                .map(t -> new FieldError("eventTypes", "unknown event type " + t)).toList();
        if (!unknown.isEmpty()) {
            throw ApiException.unprocessable("unknown-event-type",
                    "Webhooks can subscribe only to the event types of API.md.", unknown);
        }
        try {
            targets.check(url);
        }
        catch (InvalidWebhookUrlException e) {
            throw new ApiException(400, "invalid-webhook-url", "The webhook URL is refused: "
                    + e.getMessage() + ".", java.util.Map.of("errors",
                            List.of(new FieldError("url", String.valueOf(e.getMessage())))));
        }
        long existing = mongo.count(Query.query(Criteria.where("officeCode").is(office)), WebhookSubscription.class);
        if (existing >= properties.maxSubscriptionsPerOffice()) {
            throw ApiException.unprocessable("too-many-webhooks", "An office may have at most "
                    + properties.maxSubscriptionsPerOffice() + " webhook subscriptions.", List.of());
        }
        String secret = WebhookSigner.newSecret();
        WebhookSubscription subscription = new WebhookSubscription(UUID.randomUUID().toString(), office, url.trim(),
                List.copyOf(new LinkedHashSet<>(eventTypes)), secret, caller.username(), clock.instant(),
                SubscriptionStatus.ACTIVE, null, null, 0);
        mongo.insert(subscription);
        return new Created(subscription, secret);
    }

    public Page<WebhookSubscription> list(Caller caller, @Nullable String officeCode, Pageable pageable) {
        requireReader(caller);
        Query query = new Query();
        if (seesEveryOffice(caller)) {
            if (officeCode != null && !officeCode.isBlank()) {
                query.addCriteria(Criteria.where("officeCode").is(officeCode));
            }
        }
        else {
            query.addCriteria(Criteria.where("officeCode").is(caller.office()));
        }
        long total = mongo.count(query, WebhookSubscription.class);
        Pageable sorted = PageRequest.of(pageable.getPageNumber(), pageable.getPageSize(),
                Sort.by(Sort.Direction.DESC, "createdAt"));
        return new PageImpl<>(mongo.find(query.with(sorted), WebhookSubscription.class), sorted, total);
    }

    public WebhookSubscription get(Caller caller, String id) {
        requireReader(caller);
        WebhookSubscription subscription = mongo.findById(id, WebhookSubscription.class);
        if (subscription == null
                || (!seesEveryOffice(caller) && !subscription.officeCode().equals(caller.office()))) {
            throw ApiException.notFound("Webhook " + id);
        }
        return subscription;
    }

    public void delete(Caller caller, String id) {
        requireManager(caller);
        WebhookSubscription subscription = get(caller, id);
        mongo.remove(Query.query(Criteria.where("_id").is(subscription.id())), WebhookSubscription.class);
        deliveries.abandon(subscription.id(), "subscription deleted");
    }

    /** Resumes a paused subscription; what waited is sent at once. */
    public WebhookSubscription resume(Caller caller, String id) {
        requireManager(caller);
        WebhookSubscription subscription = get(caller, id);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(subscription.id())), new Update()
                .set("status", SubscriptionStatus.ACTIVE).set("pausedReason", null).set("pausedAt", null)
                .set("consecutiveFailures", 0), WebhookSubscription.class);
        deliveries.retryNow(subscription.id());
        return Objects.requireNonNull(mongo.findById(id, WebhookSubscription.class));
    }

    public Page<Delivery> deliveries(Caller caller, String id, Pageable pageable) {
        return deliveries.ofSubscription(get(caller, id).id(), pageable);
    }

    /** Subscriptions (active or paused) that want this event of this office. */
    public List<WebhookSubscription> matching(String officeCode, String eventType) {
        return mongo.find(Query.query(Criteria.where("officeCode").is(officeCode).and("eventTypes").is(eventType)),
                WebhookSubscription.class);
    }

    @Nullable WebhookSubscription find(String id) {
        return mongo.findById(id, WebhookSubscription.class);
    }

    void succeeded(String id) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("consecutiveFailures").gt(0)),
                new Update().set("consecutiveFailures", 0), WebhookSubscription.class);
    }

    /** Counts a failed attempt; pauses the subscription when too many failed in a row. */
    void failed(String id, String error) {
        WebhookSubscription after = mongo.findAndModify(Query.query(Criteria.where("_id").is(id)),
                new Update().inc("consecutiveFailures", 1), org.springframework.data.mongodb.core.FindAndModifyOptions
                        .options().returnNew(true), WebhookSubscription.class);
        if (after != null && after.status() == SubscriptionStatus.ACTIVE
                && after.consecutiveFailures() >= properties.pauseAfterFailures()) {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("status").is(SubscriptionStatus.ACTIVE)),
                    new Update().set("status", SubscriptionStatus.PAUSED).set("pausedAt", clock.instant())
                            .set("pausedReason", after.consecutiveFailures() + " consecutive delivery attempts failed;"
                                    + " last error: " + error + ". Fix the receiver, then POST /api/webhooks/" + id
                                    + "/resume."),
                    WebhookSubscription.class);
        }
    }

    /** Managers, and operators who only look. */
    private static void requireReader(Caller caller) {
        if (!caller.hasRole(Role.OPS)) {
            requireManager(caller);
        }
    }

    private static boolean seesEveryOffice(Caller caller) {
        return caller.hasRole(Role.ADMIN) || caller.hasRole(Role.OPS);
    }

    private static void requireManager(Caller caller) {
        if (caller.hasRole(Role.ADMIN)) {
            return;
        }
        if (!caller.hasRole(Role.INTEGRATION) || caller.office() == null) {
            throw ApiException.forbidden("Only a regional office system (integration) or an admin manages webhooks.");
        }
    }

    private static String officeFor(Caller caller, @Nullable String requested) {
        requireManager(caller);
        if (caller.hasRole(Role.ADMIN)) {
            if (requested == null || requested.isBlank()) {
                throw ApiException.invalid("An admin must name the office of the subscription.",
                        List.of(new FieldError("officeCode", "required for admin")));
            }
            return requested.trim();
        }
        String own = Objects.requireNonNull(caller.office());
        if (requested != null && !requested.isBlank() && !requested.trim().equals(own)) {
            throw ApiException.forbidden("An office system subscribes only to its own office's events.");
        }
        return own;
    }
}
