package org.satupintu.support.problem;

/**
 * The stable machine words of RFC 9457 problems that mean the same in every service and at the gateway, with the
 * one status each stands for. A service adds words of its own for its business rules (e.g. {@code
 * invalid-transition}); it never answers one of these situations with another word or status.
 */
public enum ProblemCode {

    VALIDATION_FAILED("validation-failed", 400),
    BAD_REQUEST("bad-request", 400),
    UNAUTHORIZED("unauthorized", 401),
    FORBIDDEN("forbidden", 403),
    NOT_FOUND("not-found", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", 405),
    NOT_ACCEPTABLE("not-acceptable", 406),
    /** A state conflict: the action is not allowed in the resource's current state. */
    INVALID_TRANSITION("invalid-transition", 409),
    /** The resource changed since the client read it (its {@code If-Match}) or while the request ran. */
    STALE_VERSION("stale-version", 412),
    TOO_LARGE("too-large", 413),
    URI_TOO_LONG("uri-too-long", 414),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415),
    RANGE_NOT_SATISFIABLE("range-not-satisfiable", 416),
    RATE_LIMITED("rate-limited", 429),
    INTERNAL_ERROR("internal-error", 500),
    GATEWAY_ERROR("gateway-error", 502),
    SERVICE_UNAVAILABLE("service-unavailable", 503);

    /** Every problem {@code type} is this base followed by its code. */
    public static final String TYPE_BASE = "https://satupintu.org/problems/";

    private final String code;
    private final int status;

    ProblemCode(String code, int status) {
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public String type() {
        return TYPE_BASE + code;
    }

    /** The word Spring MVC's own refusals (404, 405, ...) get, by status. */
    public static ProblemCode forStatus(int status) {
        return switch (status) {
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 412 -> STALE_VERSION;
            case 413 -> TOO_LARGE;
            case 414 -> URI_TOO_LONG;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 416 -> RANGE_NOT_SATISFIABLE;
            case 429 -> RATE_LIMITED;
            case 431 -> TOO_LARGE;
            case 502 -> GATEWAY_ERROR;
            case 503, 504 -> SERVICE_UNAVAILABLE;
            default -> status >= 400 && status < 500 ? BAD_REQUEST : INTERNAL_ERROR;
        };
    }
}
