package org.satupintu.application.workflow;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.satupintu.events.ApplicationStates;

/**
 * The life of an application, with the one table of which action may be taken in which state and where it leads
 * ("what may follow RECOMMENDED?" is {@code RECOMMENDED.next()}). Who may take an action is the aggregate's rule;
 * whether the state allows it is this table's.
 */
public enum ApplicationState {
    DRAFT, SUBMITTED, UNDER_REVIEW, REVISION_REQUESTED, RECOMMENDED,
    /** Approved, with a regional levy billed and not yet paid: the permit is released on payment. */
    AWAITING_PAYMENT, ISSUED, REJECTED, WITHDRAWN, REVOKED;

    /** The actions of the workflow and the state each leads to ({@code EDIT} keeps the state). */
    public enum Action {
        EDIT("edit", null), SUBMIT("submit", SUBMITTED), ASSIGN("assign", UNDER_REVIEW),
        REQUEST_REVISION("request a revision of", REVISION_REQUESTED), RECOMMEND("recommend", RECOMMENDED),
        APPROVE("approve", ISSUED), REJECT("reject", REJECTED), WITHDRAW("withdraw", WITHDRAWN),
        /** The SLA passed under a fiktif-positif policy: deemed granted. */
        AUTO_ISSUE("auto-issue", ISSUED),
        /** The assigned officer sets the levy of a type whose levy is assessed per application. */
        ASSESS_LEVY("assess the levy of", null),
        /** Approval (or a deemed grant) of a permit with a levy above 0: billed, the permit waits for payment. */
        BILL("bill the levy of", AWAITING_PAYMENT),
        /** The treasury's or bank's system confirms the levy was paid: the permit is issued. */
        CONFIRM_PAYMENT("confirm a payment for", ISSUED),
        REVOKE("revoke", REVOKED),
        /** Opens a new DRAFT for the same permit; the issued one keeps its state until the renewal is issued. */
        RENEW("renew", null),
        /** A scheduled reminder (payment due, permit expiring): an event, no change of state. */
        REMIND("remind about", null);

        private final String verb;
        private final @Nullable ApplicationState target;

        Action(String verb, @Nullable ApplicationState target) {
            this.verb = verb;
            this.target = target;
        }

        public String verb() {
            return verb;
        }

        /** The state the action leads to from {@code from}. */
        public ApplicationState target(ApplicationState from) {
            return target == null ? from : target;
        }
    }

    private static final Map<ApplicationState, Set<Action>> ALLOWED = new EnumMap<>(ApplicationState.class);

    static {
        ALLOWED.put(DRAFT, EnumSet.of(Action.EDIT, Action.SUBMIT, Action.WITHDRAW));
        ALLOWED.put(SUBMITTED, EnumSet.of(Action.ASSIGN, Action.WITHDRAW, Action.AUTO_ISSUE, Action.BILL));
        // ASSIGN here is a supervisor handing the file to someone else.
        ALLOWED.put(UNDER_REVIEW, EnumSet.of(Action.ASSIGN, Action.REQUEST_REVISION, Action.RECOMMEND, Action.REJECT,
                Action.WITHDRAW, Action.AUTO_ISSUE, Action.BILL, Action.ASSESS_LEVY));
        ALLOWED.put(REVISION_REQUESTED, EnumSet.of(Action.EDIT, Action.SUBMIT, Action.WITHDRAW));
        // BILL here and above is approval (or a deemed grant) when the levy is above 0; APPROVE when it is 0.
        ALLOWED.put(RECOMMENDED, EnumSet.of(Action.REQUEST_REVISION, Action.APPROVE, Action.REJECT, Action.WITHDRAW,
                Action.AUTO_ISSUE, Action.BILL));
        // Approval was the decision: no withdrawal; the clock of the office stopped with it.
        ALLOWED.put(AWAITING_PAYMENT, EnumSet.of(Action.CONFIRM_PAYMENT, Action.REMIND));
        ALLOWED.put(ISSUED, EnumSet.of(Action.REVOKE, Action.RENEW, Action.REMIND));
        ALLOWED.put(REJECTED, EnumSet.noneOf(Action.class));
        ALLOWED.put(WITHDRAWN, EnumSet.noneOf(Action.class));
        ALLOWED.put(REVOKED, EnumSet.noneOf(Action.class));
        for (ApplicationState state : values()) {
            if (!state.name().equals(nameOnTheWire(state))) {
                throw new IllegalStateException("State " + state + " is not a contract state name");
            }
        }
    }

    private Set<Action> allowed() {
        return Objects.requireNonNull(ALLOWED.get(this), "every state has a row");
    }

    private static final Set<ApplicationState> OFFICE_HOLDS = EnumSet.of(SUBMITTED, UNDER_REVIEW, RECOMMENDED);

    public boolean allows(Action action) {
        return allowed().contains(action);
    }

    public Set<Action> actions() {
        return Collections.unmodifiableSet(allowed());
    }

    /** The states that may follow this one. */
    public Set<ApplicationState> next() {
        EnumSet<ApplicationState> next = EnumSet.noneOf(ApplicationState.class);
        allowed().forEach(action -> next.add(action.target(this)));
        return next;
    }

    /** The applicant holds the file and may change its form and documents. */
    public boolean editable() {
        return allows(Action.EDIT);
    }

    public boolean isFinal() {
        return allowed().isEmpty();
    }

    /** States in which the office holds the file and the SLA clock runs. */
    public boolean officeHolds() {
        return OFFICE_HOLDS.contains(this);
    }

    private static String nameOnTheWire(ApplicationState state) {
        return switch (state) {
            case DRAFT -> ApplicationStates.DRAFT;
            case SUBMITTED -> ApplicationStates.SUBMITTED;
            case UNDER_REVIEW -> ApplicationStates.UNDER_REVIEW;
            case REVISION_REQUESTED -> ApplicationStates.REVISION_REQUESTED;
            case RECOMMENDED -> ApplicationStates.RECOMMENDED;
            case ISSUED -> ApplicationStates.ISSUED;
            case REJECTED -> ApplicationStates.REJECTED;
            case WITHDRAWN -> ApplicationStates.WITHDRAWN;
            case AWAITING_PAYMENT -> ApplicationStates.AWAITING_PAYMENT;
            case REVOKED -> ApplicationStates.REVOKED;
        };
    }
}
