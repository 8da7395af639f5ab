package org.satupintu.document.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A refusal the client should see as RFC 9457 problem JSON: status, stable {@code code}, human detail and extra
 * members such as {@code errors} or {@code missingRequirements}.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Map<String, Object> properties;

    public ApiException(HttpStatus status, String code, String detail) {
        this(status, code, detail, Map.of());
    }

    public ApiException(HttpStatus status, String code, String detail, Map<String, Object> properties) {
        super(detail);
        this.status = status;
        this.code = code;
        this.properties = new LinkedHashMap<>(properties);
    }

    public record FieldError(String field, String message) {
    }

    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, "not-found", what + " was not found.");
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, "forbidden", detail);
    }

    public static ApiException conflict(String code, String detail) {
        return new ApiException(HttpStatus.CONFLICT, code, detail);
    }

    public static ApiException invalid(String detail, List<FieldError> errors) {
        return new ApiException(HttpStatus.BAD_REQUEST, "validation-failed", detail, Map.of("errors", errors));
    }

    public static ApiException unprocessable(String code, String detail, List<FieldError> errors) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, code, detail, Map.of("errors", errors));
    }

    public static ApiException stale() {
        return new ApiException(HttpStatus.PRECONDITION_FAILED, "stale-version",
                "The resource changed since you read it; reload it and retry.");
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
