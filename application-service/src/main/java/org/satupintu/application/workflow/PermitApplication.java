package org.satupintu.application.workflow;

import java.time.Instant;
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
import org.satupintu.application.catalog.LocalizedText;
import org.satupintu.application.catalog.PermitType;
import org.satupintu.application.catalog.SlaPolicy;
import org.satupintu.application.domain.FieldProblem;
import org.satupintu.application.domain.InvalidTransitionException;
import org.satupintu.application.domain.NotPermittedException;
import org.satupintu.application.domain.RuleViolationException;
import org.satupintu.application.sla.WorkingCalendar;
import org.satupintu.events.ApplicationEventData;
import org.satupintu.application.workflow.ApplicationState.Action;
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
    }

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
        ApplicationState from = state;
        state = ApplicationState.RECOMMENDED;
        record(actor, "recommend", from, state, note, ApplicationRecommended::new, now);
    }

    public void approve(Actor actor, @Nullable String note, Instant now, Numbers numbers) {
        if (!isSupervisor(actor)) {
            throw new NotPermittedException("Only a supervisor of the office approves.");
        }
        require(Action.APPROVE);
        issue(actor, "approve", note, now, numbers);
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
    public boolean markSlaBreached(Instant now, Numbers numbers) {
        if (slaBreachedAt != null || !state.officeHolds() || dueAt == null || !now.isAfter(dueAt)) {
            return false;
        }
        slaBreachedAt = now;
        record(Actor.system(), "sla-breached", state, state, "due " + dueAt, SlaBreached::new,
                now);
        if (slaPolicy == SlaPolicy.AUTO_ISSUE) {
            issue(Actor.system(), "auto-issue", "deemed granted: the SLA passed without a decision (fiktif positif)",
                    now, numbers);
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

    private void issue(Actor actor, String action, @Nullable String note, Instant now, Numbers numbers) {
        ApplicationState from = state;
        state = ApplicationState.ISSUED;
        decidedAt = now;
        permitNumber = numbers.permitNumber(permitTypeCode, officeCode, now);
        record(actor, action, from, state, note, PermitIssued::new, now);
    }

    private void record(Actor actor, String action, @Nullable ApplicationState from, ApplicationState to,
            @Nullable String comment, Function<ApplicationEventData, ApplicationEvent> event, Instant now) {
        updatedAt = now;
        history.add(new HistoryEntry(now, actor.username(), actor.mainRole(), action, from, to, comment));
        ApplicationEventData data = new ApplicationEventData(id, registrationNumber, officeCode, permitTypeCode,
                state.name(), applicant.id(), applicant.name(), applicant.email(), applicant.phone(),
                applicant.locale(), assignee, actor.username(), comment, permitNumber);
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
