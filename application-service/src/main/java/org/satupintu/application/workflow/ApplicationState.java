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
    DRAFT, SUBMITTED, UNDER_REVIEW, REVISION_REQUESTED, RECOMMENDED, ISSUED, REJECTED, WITHDRAWN;

    /** The actions of the workflow and the state each leads to ({@code EDIT} keeps the state). */
    public enum Action {
        EDIT("edit", null), SUBMIT("submit", SUBMITTED), ASSIGN("assign", UNDER_REVIEW),
        REQUEST_REVISION("request a revision of", REVISION_REQUESTED), RECOMMEND("recommend", RECOMMENDED),
        APPROVE("approve", ISSUED), REJECT("reject", REJECTED), WITHDRAW("withdraw", WITHDRAWN),
        /** The SLA passed under a fiktif-positif policy: deemed granted. */
        AUTO_ISSUE("auto-issue", ISSUED);

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
        ALLOWED.put(SUBMITTED, EnumSet.of(Action.ASSIGN, Action.WITHDRAW, Action.AUTO_ISSUE));
        // ASSIGN here is a supervisor handing the file to someone else.
        ALLOWED.put(UNDER_REVIEW, EnumSet.of(Action.ASSIGN, Action.REQUEST_REVISION, Action.RECOMMEND, Action.REJECT,
                Action.WITHDRAW, Action.AUTO_ISSUE));
        ALLOWED.put(REVISION_REQUESTED, EnumSet.of(Action.EDIT, Action.SUBMIT, Action.WITHDRAW));
        ALLOWED.put(RECOMMENDED, EnumSet.of(Action.REQUEST_REVISION, Action.APPROVE, Action.REJECT, Action.WITHDRAW,
                Action.AUTO_ISSUE));
        ALLOWED.put(ISSUED, EnumSet.noneOf(Action.class));
        ALLOWED.put(REJECTED, EnumSet.noneOf(Action.class));
        ALLOWED.put(WITHDRAWN, EnumSet.noneOf(Action.class));
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
        };
    }
}
