package nl.trajectorytracker.api.values;

/**
 * Stable codes for every refusal the system can give. The REST layer maps each to an HTTP status and a
 * problem-detail type URN ({@code urn:trajectory-tracker:error:<code in kebab case>}), so clients can
 * rely on them across releases.
 */
public enum ErrorCode {
    INVALID_VALUE(Kind.VALIDATION),
    TRAJECTORY_NOT_FOUND(Kind.NOT_FOUND),
    PLAYBOOK_VERSION_NOT_FOUND(Kind.NOT_FOUND),
    TRAJECTORY_ALREADY_EXISTS(Kind.CONFLICT),
    CONCURRENT_MODIFICATION(Kind.CONFLICT),
    STALE_VERSION(Kind.PRECONDITION),
    /** The actor's organisation is not one of the parties of the trajectory it wants to start. */
    NOT_A_PARTY(Kind.FORBIDDEN),
    /** A step of a later phase was attempted before the trajectory reached that phase. */
    STEP_NOT_YET_ALLOWED(Kind.CONFLICT),
    /** The trajectory is concluded; only notes and evaluations can still be added. */
    TRAJECTORY_CONCLUDED(Kind.CONFLICT),
    /** Phases advance one at a time, in order. */
    PHASE_ORDER_VIOLATED(Kind.CONFLICT),
    /** The gate to the next phase is closed and no override reason was given. */
    PHASE_GATE_CLOSED(Kind.CONFLICT),
    /** The step refers to something the trajectory does not have (a stakeholder, a proposal, an indicator...). */
    UNKNOWN_REFERENCE(Kind.CONFLICT),
    /** The step would record something that exists already under the same id. */
    DUPLICATE_REFERENCE(Kind.CONFLICT),
    /** A proposal that was accepted, rejected or countered can no longer be answered. */
    PROPOSAL_NOT_OPEN(Kind.CONFLICT),
    /** The agreement is signed already; later changes are contract amendments. */
    AGREEMENT_ALREADY_SIGNED(Kind.CONFLICT),
    /** The step needs a signed agreement and there is none. */
    NO_SIGNED_AGREEMENT(Kind.CONFLICT),
    /** The outcome given for concluding the trajectory does not fit what was recorded. */
    CONCLUSION_NOT_ALLOWED(Kind.CONFLICT),
    /** An idempotency key was reused for a different request (method, path or body): 422, as the IETF draft says. */
    IDEMPOTENCY_KEY_REUSED(Kind.UNPROCESSABLE),
    /** A request with the same idempotency key is still being handled. */
    IDEMPOTENCY_KEY_IN_PROGRESS(Kind.CONFLICT),
    /** No read model (projection) has the given name. */
    PROJECTION_NOT_FOUND(Kind.NOT_FOUND),
    /** No consistency check of the read model was asked for (or its record is gone). */
    CONSISTENCY_CHECK_NOT_FOUND(Kind.NOT_FOUND),
    /** No research study with that id, or none the researcher is bound to. */
    STUDY_NOT_FOUND(Kind.NOT_FOUND),
    /** No research view (histories or aggregate) of that name. */
    RESEARCH_VIEW_NOT_FOUND(Kind.NOT_FOUND),
    /** The study may not see the event types a research view is built from. */
    OUTSIDE_STUDY_SCOPE(Kind.FORBIDDEN),
    /** The study's secret was sealed under another research key than the one the service has now. */
    STUDY_SECRET_UNAVAILABLE(Kind.CONFLICT),
    /** The stored record cannot be read as events (it was changed behind the service's back): verify it. */
    RECORD_UNREADABLE(Kind.CONFLICT);

    /** How a refusal relates to the request, which decides its HTTP status. */
    public enum Kind {
        VALIDATION,
        NOT_FOUND,
        CONFLICT,
        PRECONDITION,
        FORBIDDEN,
        /** Well-formed, but not processable as sent (an idempotency key reused for another request). */
        UNPROCESSABLE
    }

    private final Kind kind;

    ErrorCode(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public String urn() {
        return "urn:trajectory-tracker:error:" + name().toLowerCase().replace('_', '-');
    }
}
