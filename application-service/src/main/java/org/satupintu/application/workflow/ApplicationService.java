package org.satupintu.application.workflow;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.satupintu.support.security.Role;
import org.satupintu.application.numbering.NumberIssuer;
import org.satupintu.application.catalog.PermitCatalog;
import org.satupintu.application.catalog.PermitType;
import org.satupintu.application.domain.FieldProblem;
import org.satupintu.application.domain.InvalidInputException;
import org.satupintu.application.domain.NotFoundException;
import org.satupintu.application.domain.NotPermittedException;
import org.satupintu.application.domain.StaleVersionException;
import org.satupintu.events.WalkIn;
import org.satupintu.support.outbox.OutboxRelay;
import org.satupintu.application.sla.WorkingCalendar;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/**
 * The use cases of the review workflow. Each loads the aggregate, checks visibility (404 when the caller may not
 * see it), lets the aggregate decide, and saves it with its pending events in one write (optimistic locking).
 */
@Service
public class ApplicationService {

    /** Tries of an action without If-Match that keeps losing the race against concurrent internal writes. */
    private static final int CHANGE_ATTEMPTS = 10;

    private final ApplicationRepository repository;
    private final PermitCatalog catalog;
    private final MongoTemplate mongo;
    private final NumberIssuer numberIssuer;
    private final WorkingCalendar calendar;
    private final OutboxRelay relay;
    private final Clock clock;
    private final PermitApplication.Terms terms;

    ApplicationService(ApplicationRepository repository, PermitCatalog catalog, MongoTemplate mongo,
            NumberIssuer numberIssuer, WorkingCalendar calendar, OutboxRelay relay, Clock clock,
            LifecycleProperties lifecycle) {
        this.terms = lifecycle.terms();
        this.repository = repository;
        this.catalog = catalog;
        this.mongo = mongo;
        this.numberIssuer = numberIssuer;
        this.calendar = calendar;
        this.relay = relay;
        this.clock = clock;
    }

    /** What a caller asks to create. {@code walkIn} is only for integration clients filing for someone. */
    public record CreateCommand(String permitTypeCode, String officeCode, Map<String, Object> form,
            @Nullable Applicant walkIn, @Nullable String idempotencyKey) {
    }

    public record Created(PermitApplication application, boolean replayed) {
    }

    /** Idempotency record: the first create with a key reserves the application id the retries return. */
    record IdempotencyKey(String id, String applicationId, Instant createdAt) {
    }

    public Created create(Actor actor, Applicant self, CreateCommand command) {
        Applicant applicant;
        if (actor.has(Role.INTEGRATION)) {
            if (!command.officeCode().equals(actor.office())) {
                throw new NotPermittedException("An office system files only for its own office.");
            }
            if (command.walkIn() == null) {
                throw new InvalidInputException("Filing on behalf of a walk-in applicant needs the applicant's details.",
                        java.util.List.of(new FieldProblem("applicant", "must not be null")));
            }
            applicant = new Applicant(WalkIn.newApplicantId(), command.walkIn().name(),
                    command.walkIn().email(), command.walkIn().phone(), command.walkIn().locale());
        }
        else if (actor.has(Role.APPLICANT)) {
            applicant = self;
        }
        else {
            throw new NotPermittedException("Only applicants and office systems file applications.");
        }
        String id = UUID.randomUUID().toString();
        if (command.idempotencyKey() != null) {
            String keyId = actor.id() + ":" + command.idempotencyKey();
            try {
                mongo.insert(new IdempotencyKey(keyId, id, clock.instant()), "idempotency_keys");
            }
            catch (DuplicateKeyException e) {
                IdempotencyKey first = mongo.findById(keyId, IdempotencyKey.class, "idempotency_keys");
                if (first != null) {
                    var existing = repository.findById(first.applicationId());
                    if (existing.isPresent()) {
                        return new Created(existing.get(), true);
                    }
                    // The first attempt reserved the id but failed before saving: finish it with the same id.
                    id = first.applicationId();
                }
            }
        }
        PermitType type = catalog.get(command.permitTypeCode());
        PermitApplication app = PermitApplication.create(id, type, command.officeCode(), applicant, actor,
                command.form(), clock.instant());
        PermitApplication saved = repository.insert(app);
        relay.wakeUp();
        return new Created(saved, false);
    }

    public PermitApplication get(Actor actor, String id) {
        PermitApplication app = repository.findById(id).orElse(null);
        if (app == null || !app.visibleTo(actor)) {
            // Never reveal that another office's application exists.
            throw new NotFoundException("Application " + id);
        }
        return app;
    }

    /**
     * An issued application, for a platform service that must confirm an issuance before acting on it (document
     * service before it signs a certificate). Only the {@code service} role may ask; an application that does not
     * exist or was never issued is not found.
     */
    public PermitApplication issuance(Actor actor, String id) {
        if (!actor.has(Role.SERVICE)) {
            throw new NotPermittedException("Issuance facts are for platform services only.");
        }
        return repository.findById(id).filter(app -> app.permitNumber() != null)
                .orElseThrow(() -> new NotFoundException("Issuance of application " + id));
    }

    public PermitApplication updateForm(Actor actor, String id, @Nullable Long expectedVersion,
            Map<String, Object> changes) {
        return change(actor, id, expectedVersion, app -> app.updateForm(actor, changes, clock.instant()));
    }

    public PermitApplication submit(Actor actor, String id, @Nullable Long expectedVersion) {
        return change(actor, id, expectedVersion, app -> app.submit(actor, clock.instant(), numbers(), calendar));
    }

    public PermitApplication assign(Actor actor, String id, @Nullable Long expectedVersion, @Nullable String to) {
        return change(actor, id, expectedVersion, app -> app.assign(actor, to, clock.instant()));
    }

    public PermitApplication requestRevision(Actor actor, String id, @Nullable Long expectedVersion, String reason) {
        return change(actor, id, expectedVersion,
                app -> app.requestRevision(actor, reason, clock.instant(), calendar));
    }

    public PermitApplication recommend(Actor actor, String id, @Nullable Long expectedVersion,
            @Nullable String note) {
        return change(actor, id, expectedVersion, app -> app.recommend(actor, note, clock.instant()));
    }

    public PermitApplication approve(Actor actor, String id, @Nullable Long expectedVersion, @Nullable String note) {
        return afterIssue(change(actor, id, expectedVersion,
                app -> app.approve(actor, note, clock.instant(), numbers(), terms)));
    }

    public PermitApplication assessLevy(Actor actor, String id, @Nullable Long expectedVersion, long amountIdr,
            String basis) {
        return change(actor, id, expectedVersion, app -> app.assessLevy(actor, amountIdr, basis, clock.instant()));
    }

    /** A payment the treasury reports; the same report again answers the same and changes nothing. */
    public PermitApplication confirmPayment(Actor actor, String id, PermitApplication.Payment payment) {
        return afterIssue(changeIf(actor, id, null,
                app -> app.confirmPayment(actor, payment, clock.instant(), numbers())));
    }

    public PermitApplication revoke(Actor actor, String id, @Nullable Long expectedVersion, String reason) {
        return change(actor, id, expectedVersion, app -> app.revoke(actor, reason, clock.instant()));
    }

    /**
     * Opens a renewal DRAFT of an issued permit. The old permit records it first (its version guards against two
     * renewals at once); a renewal that was withdrawn or rejected no longer blocks a new one.
     */
    public PermitApplication renew(Actor actor, String id) {
        String renewalId = UUID.randomUUID().toString();
        PermitApplication old = change(actor, id, null, app -> {
            boolean open = app.renewedBy() != null && repository.findById(app.renewedBy())
                    .map(r -> r.state() != ApplicationState.WITHDRAWN && r.state() != ApplicationState.REJECTED)
                    .orElse(false);
            app.startRenewal(actor, renewalId, open, clock.instant(), terms);
        });
        PermitType type = catalog.get(old.permitTypeCode());
        PermitApplication saved = repository.insert(PermitApplication.renewalOf(renewalId, old, type, actor,
                clock.instant()));
        relay.wakeUp();
        return saved;
    }

    /** When a renewal is issued, the permit it renews is superseded by it. */
    PermitApplication afterIssue(PermitApplication app) {
        if (app.state() != ApplicationState.ISSUED || app.renewalOf() == null || app.permitNumber() == null) {
            return app;
        }
        String successor = app.permitNumber();
        for (int attempt = 1; attempt <= CHANGE_ATTEMPTS; attempt++) {
            PermitApplication old = repository.findById(app.renewalOf()).orElse(null);
            if (old == null || !old.markSuperseded(successor, clock.instant())) {
                return app;
            }
            try {
                repository.save(old);
                relay.wakeUp();
                return app;
            }
            catch (OptimisticLockingFailureException e) {
                backOff(attempt);
            }
        }
        return app;
    }

    public PermitApplication reject(Actor actor, String id, @Nullable Long expectedVersion, String reason) {
        return change(actor, id, expectedVersion, app -> app.reject(actor, reason, clock.instant()));
    }

    public PermitApplication withdraw(Actor actor, String id, @Nullable Long expectedVersion,
            @Nullable String reason) {
        return change(actor, id, expectedVersion, app -> app.withdraw(actor, reason, clock.instant()));
    }

    /*
     * Without If-Match the caller asks for the action on whatever the application is now, so a write that raced in
     * between our read and save (a checklist update from a document event, the SLA watch) is no reason to refuse:
     * read again and redo the action, whose checks then see the new state. With If-Match it is a stale version.
     */
    private PermitApplication change(Actor actor, String id, @Nullable Long expectedVersion,
            Consumer<PermitApplication> action) {
        return changeIf(actor, id, expectedVersion, app -> {
            action.accept(app);
            return true;
        });
    }

    /** As {@link #change}, for an action that may find nothing to do (then nothing is written). */
    private PermitApplication changeIf(Actor actor, String id, @Nullable Long expectedVersion,
            java.util.function.Predicate<PermitApplication> action) {
        for (int attempt = 1;; attempt++) {
            PermitApplication app = get(actor, id);
            if (expectedVersion != null && !expectedVersion.equals(app.version())) {
                throw new StaleVersionException();
            }
            if (!action.test(app)) {
                return app;
            }
            try {
                PermitApplication saved = repository.save(app);
                relay.wakeUp();
                return saved;
            }
            catch (OptimisticLockingFailureException e) {
                if (expectedVersion != null || attempt >= CHANGE_ATTEMPTS) {
                    throw new StaleVersionException();
                }
                backOff(attempt);
            }
        }
    }

    /** A short, growing, jittered pause, so a burst of internal writes (checklist updates) cannot win every race. */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(5, 25) * attempt);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StaleVersionException();
        }
    }

    PermitApplication.Terms terms() {
        return terms;
    }

    PermitApplication.Numbers numbers() {
        return new PermitApplication.Numbers() {
            @Override
            public String registrationNumber(String officeCode, Instant at) {
                return numberIssuer.next("REG", officeCode, calendar.yearOf(at));
            }

            @Override
            public String permitNumber(String permitTypeCode, String officeCode, Instant at) {
                return numberIssuer.next(permitTypeCode, officeCode, calendar.yearOf(at));
            }

            @Override
            public String billingCode(Instant at) {
                int year = calendar.yearOf(at);
                return BillingCodes.of(year, numberIssuer.nextSerial("BILL-" + year));
            }
        };
    }

}
