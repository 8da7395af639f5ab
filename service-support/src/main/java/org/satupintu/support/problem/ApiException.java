package org.satupintu.support.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A refusal made at the web edge (controllers, request checks) that the client sees as RFC 9457 problem JSON:
 * status, stable {@code code}, human detail and extra members such as {@code errors}. Domain code throws its own
 * exceptions instead, which the service's problem handler maps.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, Object> properties;

    public ApiException(int status, String code, String detail) {
        this(status, code, detail, Map.of());
    }

    public ApiException(int status, String code, String detail, Map<String, Object> properties) {
        super(detail);
        this.status = status;
        this.code = code;
        this.properties = new LinkedHashMap<>(properties);
    }

    public ApiException(ProblemCode code, String detail) {
        this(code.status(), code.code(), detail);
    }

    public static ApiException notFound(String what) {
        return new ApiException(ProblemCode.NOT_FOUND, what + " was not found.");
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(ProblemCode.FORBIDDEN, detail);
    }

    public static ApiException conflict(String code, String detail) {
        return new ApiException(409, code, detail);
    }

    public static ApiException invalid(String detail, List<FieldError> errors) {
        return new ApiException(ProblemCode.VALIDATION_FAILED.status(), ProblemCode.VALIDATION_FAILED.code(), detail,
                Map.of("errors", errors));
    }

    public static ApiException unprocessable(String code, String detail, List<FieldError> errors) {
        return new ApiException(422, code, detail, Map.of("errors", errors));
    }

    public static ApiException stale() {
        return new ApiException(ProblemCode.STALE_VERSION, "The resource changed since you read it; reload it and retry.");
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
