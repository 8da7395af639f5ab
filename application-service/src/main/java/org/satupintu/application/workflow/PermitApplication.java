package org.satupintu.application.workflow;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.satupintu.support.security.Role;
import org.satupintu.application.catalog.FormField;
import org.satupintu.application.catalog.Levy;
import org.satupintu.application.catalog.LocalizedText;
import org.satupintu.application.catalog.PermitType;
import org.satupintu.application.catalog.SlaPolicy;
import org.satupintu.application.domain.FieldProblem;
import org.satupintu.application.domain.InvalidTransitionException;
import org.satupintu.application.domain.NotPermittedException;
import org.satupintu.application.domain.DomainException;
import org.satupintu.application.domain.RuleViolationException;
import org.satupintu.application.sla.WorkingCalendar;
import org.satupintu.events.ApplicationEventData;
import org.satupintu.application.workflow.ApplicationState.Action;
import org.satupintu.events.ApplicationApproved;
import org.satupintu.events.ApplicationAssigned;
import org.satupintu.events.ApplicationCreated;
import org.satupintu.events.ApplicationEvent;
import org.satupintu.events.ApplicationRecommended;
import org.satupintu.events.ApplicationRejected;
import org.satupintu.events.ApplicationSubmitted;
import org.satupintu.events.ApplicationWithdrawn;
import org.satupintu.events.DocumentEvent;
import org.satupintu.events.DocumentRemoved;
import org.satupintu.events.DocumentUploaded;
import org.satupintu.events.LevyAssessed;
import org.satupintu.events.LevyPaid;
import org.satupintu.events.PaymentDue;
import org.satupintu.events.PermitExpiring;
import org.satupintu.events.PermitRevoked;
import org.satupintu.events.RenewalStarted;
import org.satupintu.events.PermitIssued;
import org.satupintu.events.RevisionRequested;
import org.satupintu.events.SlaBreached;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A permit application: the aggregate that owns the review state machine. Each action checks the actor's role and
 * the current state, changes state, appends to the history and records the event it causes in {@link #outbox()},
 * which is saved in the same document write as the state (no distributed transaction needed).
 */
@Document("applications")
public class PermitApplication {

    @Id
    private String id;
    private @Nullable String registrationNumber;
    private String permitTypeCode;
    private long permitTypeVersion;
    private LocalizedText permitTypeName;
    private String officeCode;
    private Applicant applicant;
    private @Nullable String filedBy;
    private @Nullable String filedByOffice;
    private Map<String, Object> form;
    private List<FormField> formFields;
    private int slaWorkingDays;
    private SlaPolicy slaPolicy;
    private ApplicationState state;
    private @Nullable String assignee;
    private List<ChecklistItem> checklist;
    private Instant createdAt;
    private Instant updatedAt;
    private @Nullable Instant submittedAt;
    private @Nullable Instant dueAt;
    private @Nullable Integer remainingWorkingDays;
    private @Nullable Instant decidedAt;
    private @Nullable Instant slaBreachedAt;
    private @Nullable String permitNumber;
    /** The catalog's levy rule and validity as they were when the application was created. */
    private @Nullable Levy levyRule;
    private @Nullable Integer validityMonths;
    private @Nullable ApplicationLevy levy;
    private @Nullable Instant validUntil;
    private @Nullable String renewalOf;
    private @Nullable String renewedBy;
    private @Nullable String supersededBy;
    private @Nullable Instant supersededAt;
    private @Nullable Revocation revocation;
    /** The reminders already sent ({@code payment-due-7}, {@code permit-expiring-60}, ...): each goes out once. */
    private @Nullable List<String> remindersSent;
    private List<HistoryEntry> history;
    private List<OutboxEvent> outbox;
    @Version
    private @Nullable Long version;

    @PersistenceCreator
    @SuppressWarnings("NullAway.Init") // the mapping sets every field from the stored document
    PermitApplication() {
        // for MongoDB mapping
    }

    /** Numbers are issued by the caller's infrastructure (atomic counters); the aggregate says when it needs one. */
    public interface Numbers {
        String registrationNumber(String officeCode, Instant at);

        String permitNumber(String permitTypeCode, String officeCode, Instant at);

        /** A unique, digits-only billing code with a check digit ({@link BillingCodes}). */
        String billingCode(Instant at);
    }

    /** The terms of the permit's life that are configuration, not catalog: how long a bill may be paid. */
    public record Terms(Duration paymentTerm, Duration renewalWindow) {
    }

    /** Reminders before the levy's due date and before the permit expires, in days. */
    static final List<Integer> PAYMENT_REMINDER_DAYS = List.of(7, 1);
    static final List<Integer> EXPIRY_REMINDER_DAYS = List.of(60, 30, 7);
    /** Long enough for any basis or reason an office writes; more is not a note but a document. */
    static final int MAX_TEXT = 2000;

    // ---- creation -------------------------------------------------------------------------------------------

    public static PermitApplication create(String id, PermitType type, String officeCode, Applicant applicant,
            Actor actor, Map<String, Object> form, Instant now) {
        if (!type.active()) {
            throw new RuleViolationException("permit-type-inactive",
                    "Permit type " + type.code() + " is not open for applications.", List.of());
        }
        FormRules.checkValues(form, type.formFields());
        PermitApplication app = new PermitApplication();
        app.id = id;
        app.permitTypeCode = type.code();
        app.permitTypeVersion = type.version() == null ? 0 : type.version();
        app.permitTypeName = type.name();
        app.officeCode = officeCode;
        app.applicant = applicant;
        if (actor.has(Role.INTEGRATION)) {
            app.filedBy = actor.username();
            app.filedByOffice = actor.office();
        }
        app.form = new LinkedHashMap<>(form);
        app.formFields = List.copyOf(type.formFields());
        app.slaWorkingDays = type.slaWorkingDays();
        app.slaPolicy = type.effectiveSlaPolicy();
        app.levyRule = type.effectiveLevy();
        app.validityMonths = type.validityMonths();
        app.state = ApplicationState.DRAFT;
        app.checklist = type.requirements().stream()
                .map(r -> new ChecklistItem(r.code(), r.mandatory(), null)).toList();
        app.createdAt = now;
        app.updatedAt = now;
        app.history = new ArrayList<>();
        app.outbox = new ArrayList<>();
        app.record(actor, "create", null, ApplicationState.DRAFT, null, ApplicationCreated::new, now);
        return app;
    }

    /**
     * A renewal of an issued permit: a new DRAFT of the same type (its current catalog version), office and
     * applicant, with the old form's values that the current form still accepts.
     */
    public static PermitApplication renewalOf(String id, PermitApplication old, PermitType type, Actor actor,
            Instant now) {
        Map<String, Object> form = new LinkedHashMap<>();
        old.form.forEach((key, value) -> {
            try {
                FormRules.checkValues(Map.of(key, value), type.formFields());
                form.put(key, value);
            }
            catch (DomainException e) {
                // The form changed since: the applicant fills this one again.
            }
        });
        PermitApplication renewal = create(id, type, old.officeCode, old.applicant, actor, form, now);
        renewal.filedBy = old.filedBy;
        renewal.filedByOffice = old.filedByOffice;
        renewal.renewalOf = old.id;
        renewal.record(actor, "renewal-started", ApplicationState.DRAFT, ApplicationState.DRAFT,
                "renewal of " + old.permitNumber, RenewalStarted::new, now);
        return renewal;
    }

    // ---- actions -------------------------------------------------------------------------------------------

    /** Merges form values (a null value removes the field) while the applicant holds the file. */
    public void updateForm(Actor actor, Map<String, Object> changes, Instant now) {
        requireOwner(actor, "edit");
        require(Action.EDIT);
        FormRules.checkValues(changes, formFields);
        changes.forEach((key, value) -> {
            if (value == null) {
                form.remove(key);
            }
            else {
                form.put(key, value);
            }
        });
        updatedAt = now;
        history.add(new HistoryEntry(now, actor.username(), actor.mainRole(), "edit", state, state, null));
    }

    public void submit(Actor actor, Instant now, Numbers numbers, WorkingCalendar calendar) {
        requireOwner(actor, "submit");
        require(Action.SUBMIT);
        List<String> missing = checklist.stream().filter(c -> c.mandatory() && c.documentId() == null)
                .map(ChecklistItem::requirementCode).toList();
        List<FieldProblem> missingFields = FormRules.missingRequired(form, formFields);
        if (!missing.isEmpty() || !missingFields.isEmpty()) {
            throw new RuleViolationException("incomplete-application",
                    "The application cannot be submitted yet: upload every mandatory document and fill every "
                            + "required field.",
                    Map.of("missingRequirements", missing, "errors", missingFields));
        }
        ApplicationState from = state;
        if (registrationNumber == null) {
            registrationNumber = numbers.registrationNumber(officeCode, now);
        }
        if (from == ApplicationState.DRAFT) {
            dueAt = calendar.dueAt(now, slaWorkingDays);
        }
        else {
            // The clock resumes with the working days that were left when the file went back to the applicant.
            dueAt = calendar.dueAt(now, remainingWorkingDays == null ? slaWorkingDays : remainingWorkingDays);
            remainingWorkingDays = null;
        }
        submittedAt = now;
        state = ApplicationState.SUBMITTED;
        record(actor, from == ApplicationState.DRAFT ? "submit" : "resubmit", from, state, null,
                ApplicationSubmitted::new, now);
    }

    /** An officer takes the file for themselves; a supervisor may give it to anyone of the office. */
    public void assign(Actor actor, @Nullable String to, Instant now) {
        String target;
        if (isSupervisor(actor)) {
            target = to == null || to.isBlank() ? actor.username() : to;
            require(Action.ASSIGN);
        }
        else if (isOfficer(actor)) {
            if (to != null && !to.isBlank() && !to.equals(actor.username())) {
                throw new NotPermittedException("An officer can only assign an application to themselves.");
            }
            target = actor.username();
            require(Action.ASSIGN);
            if (state != ApplicationState.SUBMITTED) {
                // Taking a file over from a colleague is the supervisor's call.
                throw new InvalidTransitionException(Action.ASSIGN.verb(), state.name());
            }
        }
        else {
            throw new NotPermittedException("Only officers and supervisors of the office assign applications.");
        }
        ApplicationState from = state;
        assignee = target;
        state = ApplicationState.UNDER_REVIEW;
        record(actor, "assign", from, state, "assigned to " + target, ApplicationAssigned::new, now);
    }

    public void requestRevision(Actor actor, String reason, Instant now, WorkingCalendar calendar) {
        if (!isOfficer(actor) && !isSupervisor(actor)) {
            throw new NotPermittedException("Only the assigned officer or a supervisor may request a revision.");
        }
        require(Action.REQUEST_REVISION);
        if (state == ApplicationState.RECOMMENDED && !isSupervisor(actor)) {
            // Once recommended, the file is with the supervisor.
            throw new InvalidTransitionException(Action.REQUEST_REVISION.verb(), state.name());
        }
        if (!isSupervisor(actor) && !isAssignedOfficer(actor)) {
            throw new NotPermittedException("Only the assigned officer or a supervisor may request a revision.");
        }
        ApplicationState from = state;
        remainingWorkingDays = dueAt == null ? slaWorkingDays
                : (now.isAfter(dueAt) ? 0 : calendar.workingDaysBetween(now, dueAt));
        state = ApplicationState.REVISION_REQUESTED;
        record(actor, "request-revision", from, state, reason, RevisionRequested::new, now);
    }

    public void recommend(Actor actor, @Nullable String note, Instant now) {
        if (!isOfficer(actor)) {
            throw new NotPermittedException("Only the assigned officer recommends an application.");
        }
        require(Action.RECOMMEND);
        if (!isAssignedOfficer(actor)) {
            throw new NotPermittedException("Only the assigned officer recommends an application.");
        }
        requireLevyAssessed();
        ApplicationState from = state;
        state = ApplicationState.RECOMMENDED;
        record(actor, "recommend", from, state, note, ApplicationRecommended::new, now);
    }

    public void approve(Actor actor, @Nullable String note, Instant now, Numbers numbers, Terms terms) {
        if (!isSupervisor(actor)) {
            throw new NotPermittedException("Only a supervisor of the office approves.");
        }
        require(Action.APPROVE);
        requireLevyAssessed();
        decide(actor, "approve", note, now, numbers, terms);
    }

    /**
     * The assigned officer sets the levy of a type whose levy is assessed per application (e.g. PBG: floor area
     * times the building's indices); again while under review if the assessment changes.
     */
    public void assessLevy(Actor actor, long amountIdr, String basis, Instant now) {
        if (!isOfficer(actor)) {
            throw new NotPermittedException("Only the assigned officer assesses the levy.");
        }
        require(Action.ASSESS_LEVY);
        if (!isAssignedOfficer(actor)) {
            throw new NotPermittedException("Only the assigned officer assesses the levy.");
        }
        if (effectiveLevyRule().kind() != Levy.Kind.ASSESSED) {
            throw new RuleViolationException("levy-not-assessable", "Permit type " + permitTypeCode
                    + " has no levy assessed per application (" + effectiveLevyRule().kind() + ").", List.of());
        }
        List<FieldProblem> errors = new ArrayList<>();
        checkAmount(amountIdr, errors);
        checkText("basis", basis, errors);
        refuse("invalid-levy", "The levy needs an amount from 1 to " + Levy.MAX_AMOUNT_IDR
                + " rupiah and its basis.", errors);
        levy = ApplicationLevy.assessed(amountIdr, basis.strip(), now, actor.username());
        record(actor, "assess-levy", state, state, "Rp " + amountIdr + ": " + basis.strip(), LevyAssessed::new, now);
    }

    /** What a treasury or bank system reports: the bill it was paid against, the amount, when, its reference. */
    public record Payment(String billingCode, long amountIdr, Instant paidAt, String reference) {
    }

    /**
     * The office's treasury or bank system confirms the levy was paid: the permit is issued. Idempotent by the
     * payment's reference: the same payment reported again changes nothing.
     *
     * @return false if this payment was already booked (nothing changed)
     */
    public boolean confirmPayment(Actor actor, Payment payment, Instant now, Numbers numbers) {
        if (!(actor.has(Role.INTEGRATION) && inOffice(actor))) {
            throw new NotPermittedException("Only the office's treasury or bank system confirms payments.");
        }
        if (levy != null && payment.reference().equals(levy.paymentReference())
                && payment.billingCode().equals(levy.billingCode()) && payment.amountIdr() == levy.amountIdr()) {
            return false;
        }
        require(Action.CONFIRM_PAYMENT);
        ApplicationLevy billed = java.util.Objects.requireNonNull(levy, "a bill awaits payment");
        List<FieldProblem> errors = new ArrayList<>();
        if (!BillingCodes.valid(payment.billingCode())) {
            errors.add(new FieldProblem("billingCode", "not a billing code: its check digit does not match"));
        }
        checkAmount(payment.amountIdr(), errors);
        if (payment.paidAt().isAfter(now.plus(Duration.ofMinutes(5)))) {
            errors.add(new FieldProblem("paidAt", "must not be in the future"));
        }
        if (payment.reference().isBlank() || payment.reference().length() > 100) {
            errors.add(new FieldProblem("reference", "1 to 100 characters"));
        }
        refuse("invalid-payment", "The payment report is not usable.", errors);
        if (!payment.billingCode().equals(billed.billingCode())) {
            throw new RuleViolationException("billing-code-mismatch", "The billing code is not this application's.",
                    List.of(new FieldProblem("billingCode", "is not the code billed for this application")));
        }
        if (payment.amountIdr() != billed.amountIdr()) {
            throw new RuleViolationException("amount-mismatch", "The amount differs from the levy billed ("
                    + billed.amountIdr() + ").",
                    List.of(new FieldProblem("amountIdr", "must equal the billed " + billed.amountIdr())));
        }
        levy = billed.paid(payment.paidAt(), payment.reference());
        issue(actor, "payment", "ref " + payment.reference(), now, numbers);
        // The receipt's event goes first and already names the permit number it released.
        OutboxEvent issued = outbox.remove(outbox.size() - 1);
        event(actor, LevyPaid::new, null, now);
        outbox.add(issued);
        return true;
    }

    /** The office's supervisor or an admin revokes an issued permit, with the reason the holder is told. */
    public void revoke(Actor actor, String reason, Instant now) {
        if (!actor.has(Role.ADMIN) && !isSupervisor(actor)) {
            throw new NotPermittedException("Only a supervisor of the office or an admin revokes a permit.");
        }
        require(Action.REVOKE);
        List<FieldProblem> errors = new ArrayList<>();
        checkText("reason", reason, errors);
        refuse("invalid-revocation", "A revocation needs its reason.", errors);
        ApplicationState from = state;
        state = ApplicationState.REVOKED;
        revocation = new Revocation(now, actor.username(), reason.strip());
        record(actor, "revoke", from, state, reason.strip(), PermitRevoked::new, now);
    }

    /**
     * The holder asks to renew: allowed from {@code renewalWindow} before the permit expires (or after), once at a
     * time ({@code renewalOpen}: a renewal already under way).
     */
    public void startRenewal(Actor actor, String renewalId, boolean renewalOpen, Instant now, Terms terms) {
        requireOwner(actor, "renew");
        require(Action.RENEW);
        if (validUntil == null) {
            throw new RuleViolationException("not-renewable", "This permit does not expire; there is nothing to renew.",
                    List.of());
        }
        if (supersededBy != null || renewalOpen) {
            throw new RuleViolationException("renewal-exists", "This permit already has a renewal"
                    + (supersededBy != null ? " (" + supersededBy + ")." : " under way."),
                    Map.of("renewedBy", String.valueOf(renewedBy)));
        }
        Instant opens = validUntil.minus(terms.renewalWindow());
        if (now.isBefore(opens)) {
            throw new RuleViolationException("renewal-too-early", "A renewal opens " + terms.renewalWindow().toDays()
                    + " days before the permit expires.", Map.of("renewableFrom", opens.toString()));
        }
        renewedBy = renewalId;
        record(actor, "renew", state, state, "renewal " + renewalId, null, now);
    }

    /** The renewal of this permit was issued: this one is superseded by it. */
    public boolean markSuperseded(String successorPermitNumber, Instant now) {
        if (supersededBy != null || state != ApplicationState.ISSUED) {
            return false;
        }
        supersededBy = successorPermitNumber;
        supersededAt = now;
        record(Actor.system(), "superseded", state, state, "renewed as " + successorPermitNumber, null, now);
        return true;
    }

    /**
     * Sends the reminders whose time came (payment due 7 and 1 days before the due date; permit expiring 60, 30
     * and 7 days before validity ends), each once. When several came at once only the most urgent goes out.
     *
     * @return false if none was due
     */
    public boolean remind(Instant now) {
        Instant deadline = reminderDeadline();
        if (deadline == null || !now.isBefore(deadline)) {
            return false;
        }
        boolean payment = state == ApplicationState.AWAITING_PAYMENT;
        String kind = payment ? "payment-due-" : "permit-expiring-";
        List<String> sent = remindersSent == null ? new ArrayList<>() : new ArrayList<>(remindersSent);
        Integer due = null;
        for (int days : payment ? PAYMENT_REMINDER_DAYS : EXPIRY_REMINDER_DAYS) {
            if (!now.isBefore(deadline.minus(days, ChronoUnit.DAYS)) && !sent.contains(kind + days)) {
                sent.add(kind + days);
                due = days;
            }
        }
        if (due == null) {
            return false;
        }
        remindersSent = List.copyOf(sent);
        event(Actor.system(), payment ? PaymentDue::new : PermitExpiring::new, due, now);
        history.add(new HistoryEntry(now, "system", "system", "remind", state, state,
                (payment ? "levy due in " : "permit expires in ") + due + " days"));
        return true;
    }

    /** The date the reminders count back from: the levy's due date, or the end of a valid permit's validity. */
    private @Nullable Instant reminderDeadline() {
        if (!state.allows(Action.REMIND)) {
            return null;
        }
        return state == ApplicationState.AWAITING_PAYMENT ? (levy == null ? null : levy.dueAt())
                : (supersededBy == null ? validUntil : null);
    }

    /**
     * When {@link #remind} next has something to send: the earliest reminder not yet sent, or null if none is left
     * (it may lie in the past: then it is due at once).
     */
    public @Nullable Instant nextReminderAt() {
        Instant deadline = reminderDeadline();
        if (deadline == null) {
            return null;
        }
        boolean payment = state == ApplicationState.AWAITING_PAYMENT;
        String kind = payment ? "payment-due-" : "permit-expiring-";
        List<String> sent = remindersSent == null ? List.of() : remindersSent;
        Instant next = null;
        for (int days : payment ? PAYMENT_REMINDER_DAYS : EXPIRY_REMINDER_DAYS) {
            Instant at = deadline.minus(days, ChronoUnit.DAYS);
            if (!sent.contains(kind + days) && (next == null || at.isBefore(next))) {
                next = at;
            }
        }
        return next;
    }

    public void reject(Actor actor, String reason, Instant now) {
        if (!isSupervisor(actor)) {
            throw new NotPermittedException("Only a supervisor of the office rejects.");
        }
        require(Action.REJECT);
        ApplicationState from = state;
        state = ApplicationState.REJECTED;
        decidedAt = now;
        record(actor, "reject", from, state, reason, ApplicationRejected::new, now);
    }

    public void withdraw(Actor actor, @Nullable String reason, Instant now) {
        requireOwner(actor, "withdraw");
        require(Action.WITHDRAW);
        ApplicationState from = state;
        state = ApplicationState.WITHDRAWN;
        decidedAt = now;
        record(actor, "withdraw", from, state, reason, ApplicationWithdrawn::new, now);
    }

    /**
     * Called once by the SLA watch when the office missed the deadline. Under a fiktif-positif policy the permit
     * is deemed granted and issued.
     *
     * @return false if there was nothing to do (already breached, not held by the office, not overdue)
     */
    public boolean markSlaBreached(Instant now, Numbers numbers, Terms terms) {
        if (slaBreachedAt != null || !state.officeHolds() || dueAt == null || !now.isAfter(dueAt)) {
            return false;
        }
        slaBreachedAt = now;
        record(Actor.system(), "sla-breached", state, state, "due " + dueAt, SlaBreached::new,
                now);
        if (slaPolicy == SlaPolicy.AUTO_ISSUE) {
            decide(Actor.system(), "auto-issue",
                    "deemed granted: the SLA passed without a decision (fiktif positif)", now, numbers, terms);
        }
        return true;
    }

    /**
     * Applies a document-service fact to the checklist: an upload fills its requirement, a removal clears only the
     * document it names. Redelivered events are filtered out before they reach the aggregate.
     *
     * @return true if the checklist changed
     */
    public boolean applyDocumentEvent(DocumentEvent event, Instant now) {
        String requirementCode = event.data().requirementCode();
        String documentId = event.data().documentId();
        List<ChecklistItem> updated = new ArrayList<>();
        boolean changed = false;
        for (ChecklistItem item : checklist) {
            ChecklistItem next = item;
            if (item.requirementCode().equals(requirementCode)) {
                next = switch (event) {
                    case DocumentUploaded u -> item.withDocument(documentId);
                    case DocumentRemoved r -> documentId.equals(item.documentId()) ? item.withDocument(null) : item;
                    default -> item;
                };
            }
            changed |= !next.equals(item);
            updated.add(next);
        }
        if (changed) {
            checklist = List.copyOf(updated);
            updatedAt = now;
        }
        return changed;
    }

    // ---- visibility and roles --------------------------------------------------------------------------------

    /** Applicants see their own; officers, supervisors and integration clients their office; admins all. */
    public boolean visibleTo(Actor actor) {
        if (actor.has(Role.ADMIN)) {
            return true;
        }
        if (actor.office() != null && actor.office().equals(officeCode)
                && (actor.has(Role.OFFICER) || actor.has(Role.SUPERVISOR) || actor.has(Role.INTEGRATION))) {
            return true;
        }
        return actor.has(Role.APPLICANT) && applicant.id().equals(actor.id());
    }

    public boolean ownedBy(Actor actor) {
        if (actor.has(Role.APPLICANT) && applicant.id().equals(actor.id())) {
            return true;
        }
        return actor.has(Role.INTEGRATION) && filedByOffice != null && filedByOffice.equals(actor.office());
    }

    /** Issued, with a validity that ended (the state stays ISSUED; public verification says EXPIRED). */
    public boolean isExpired(Instant now) {
        return state == ApplicationState.ISSUED && validUntil != null && !now.isBefore(validUntil);
    }

    public boolean isOverdue(Instant now) {
        return dueAt != null && state.officeHolds() && now.isAfter(dueAt);
    }

    private boolean inOffice(Actor actor) {
        return actor.office() != null && actor.office().equals(officeCode);
    }

    private boolean isSupervisor(Actor actor) {
        return actor.has(Role.SUPERVISOR) && inOffice(actor);
    }

    private boolean isOfficer(Actor actor) {
        return actor.has(Role.OFFICER) && inOffice(actor);
    }

    private boolean isAssignedOfficer(Actor actor) {
        return isOfficer(actor) && actor.username().equals(assignee);
    }

    private void requireOwner(Actor actor, String action) {
        if (!ownedBy(actor)) {
            throw new NotPermittedException("Only the applicant (or the office system that filed it) may " + action
                    + " this application.");
        }
    }

    private void require(Action action) {
        if (!state.allows(action)) {
            throw new InvalidTransitionException(action.verb(), state.name());
        }
    }

    private Levy effectiveLevyRule() {
        return levyRule == null ? Levy.NONE : levyRule;
    }

    private void requireLevyAssessed() {
        if (effectiveLevyRule().kind() == Levy.Kind.ASSESSED && levy == null) {
            throw new RuleViolationException("levy-not-assessed",
                    "The levy of this " + permitTypeCode + " application must be assessed first (assess-levy).",
                    List.of());
        }
    }

    /** Approval or a deemed grant: billed when there is a levy to pay, else issued at once. */
    private void decide(Actor actor, String action, @Nullable String note, Instant now, Numbers numbers,
            Terms terms) {
        long amount = levy != null ? levy.amountIdr() : effectiveLevyRule().fixedAmount();
        if (amount <= 0) {
            issue(actor, action, note, now, numbers);
            return;
        }
        require(Action.BILL);
        ApplicationLevy assessed = levy != null ? levy
                : ApplicationLevy.assessed(amount, "tarif tetap (fixed tariff) " + permitTypeCode, now, "catalog");
        levy = assessed.billed(numbers.billingCode(now), now.plus(terms.paymentTerm()));
        ApplicationState from = state;
        state = ApplicationState.AWAITING_PAYMENT;
        decidedAt = now;
        record(actor, action, from, state, note, ApplicationApproved::new, now);
    }

    private void issue(Actor actor, String action, @Nullable String note, Instant now, Numbers numbers) {
        ApplicationState from = state;
        state = ApplicationState.ISSUED;
        if (decidedAt == null || from != ApplicationState.AWAITING_PAYMENT) {
            decidedAt = now;
        }
        permitNumber = numbers.permitNumber(permitTypeCode, officeCode, now);
        validUntil = validityMonths == null ? null
                : now.atOffset(ZoneOffset.UTC).plusMonths(validityMonths).toInstant();
        record(actor, action, from, state, note, PermitIssued::new, now);
    }

    private static void checkAmount(long amountIdr, List<FieldProblem> errors) {
        if (amountIdr < 1 || amountIdr > Levy.MAX_AMOUNT_IDR) {
            errors.add(new FieldProblem("amountIdr", "must be from 1 to " + Levy.MAX_AMOUNT_IDR + " rupiah"));
        }
    }

    private static void checkText(String field, @Nullable String text, List<FieldProblem> errors) {
        if (text == null || text.isBlank()) {
            errors.add(new FieldProblem(field, "must not be blank"));
        }
        else if (text.length() > MAX_TEXT) {
            errors.add(new FieldProblem(field, "at most " + MAX_TEXT + " characters"));
        }
    }

    private static void refuse(String code, String message, List<FieldProblem> errors) {
        if (!errors.isEmpty()) {
            throw new RuleViolationException(code, message, errors);
        }
    }

    /** A history entry and, unless {@code event} is null, the event it causes. */
    private void record(Actor actor, String action, @Nullable ApplicationState from, ApplicationState to,
            @Nullable String comment, @Nullable Function<ApplicationEventData, ApplicationEvent> event, Instant now) {
        updatedAt = now;
        history.add(new HistoryEntry(now, actor.username(), actor.mainRole(), action, from, to, comment));
        if (event != null) {
            event(actor, event, null, now, comment);
        }
    }

    private void event(Actor actor, Function<ApplicationEventData, ApplicationEvent> event,
            @Nullable Integer reminderDaysBefore, Instant now) {
        updatedAt = now;
        event(actor, event, reminderDaysBefore, now, null);
    }

    private void event(Actor actor, Function<ApplicationEventData, ApplicationEvent> event,
            @Nullable Integer reminderDaysBefore, Instant now, @Nullable String comment) {
        ApplicationEventData data = new ApplicationEventData(id, registrationNumber, officeCode, permitTypeCode,
                state.name(), applicant.id(), applicant.name(), applicant.email(), applicant.phone(),
                applicant.locale(), assignee, actor.username(), comment, permitNumber,
                levy == null ? null : levy.data(), validUntil, renewalOf,
                revocation == null ? null : revocation.at(), reminderDaysBefore);
        outbox.add(OutboxEvent.of(UUID.randomUUID().toString(), event.apply(data), now));
    }

    // ---- read access -------------------------------------------------------------------------------------------

    public String id() {
        return id;
    }

    public @Nullable String registrationNumber() {
        return registrationNumber;
    }

    public String permitTypeCode() {
        return permitTypeCode;
    }

    public long permitTypeVersion() {
        return permitTypeVersion;
    }

    public LocalizedText permitTypeName() {
        return permitTypeName;
    }

    public String officeCode() {
        return officeCode;
    }

    public Applicant applicant() {
        return applicant;
    }

    public @Nullable String filedBy() {
        return filedBy;
    }

    public Map<String, Object> form() {
        return Map.copyOf(form);
    }

    public ApplicationState state() {
        return state;
    }

    public @Nullable String assignee() {
        return assignee;
    }

    public List<ChecklistItem> checklist() {
        return List.copyOf(checklist);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public @Nullable Instant submittedAt() {
        return submittedAt;
    }

    public @Nullable Instant dueAt() {
        return dueAt;
    }

    public @Nullable Instant decidedAt() {
        return decidedAt;
    }

    public @Nullable Instant slaBreachedAt() {
        return slaBreachedAt;
    }

    public @Nullable String permitNumber() {
        return permitNumber;
    }

    public List<HistoryEntry> history() {
        return List.copyOf(history);
    }

    public @Nullable ApplicationLevy levy() {
        return levy;
    }

    public Levy levyRule() {
        return effectiveLevyRule();
    }

    public @Nullable Instant validUntil() {
        return validUntil;
    }

    public @Nullable String renewalOf() {
        return renewalOf;
    }

    public @Nullable String renewedBy() {
        return renewedBy;
    }

    public @Nullable String supersededBy() {
        return supersededBy;
    }

    public @Nullable Instant supersededAt() {
        return supersededAt;
    }

    public @Nullable Revocation revocation() {
        return revocation;
    }

    public List<String> remindersSent() {
        return remindersSent == null ? List.of() : List.copyOf(remindersSent);
    }

    /**
     * The audit trail as this actor may read it: office staff of the application's office and admins see every
     * note; the applicant sees every action but only the comments meant for them (revision and rejection reasons),
     * not an officer's internal recommendation or approval notes.
     */
    public List<HistoryEntry> historyFor(Actor actor) {
        boolean staff = actor.has(Role.ADMIN) || (inOffice(actor)
                && (actor.has(Role.OFFICER) || actor.has(Role.SUPERVISOR) || actor.has(Role.INTEGRATION)));
        return staff ? history() : history.stream().map(HistoryEntry::forApplicant).toList();
    }

    public List<OutboxEvent> outbox() {
        return List.copyOf(outbox);
    }

    public @Nullable Long version() {
        return version;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PermitApplication app && Objects.equals(id, app.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
