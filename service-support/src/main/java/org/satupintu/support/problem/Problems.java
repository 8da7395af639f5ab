package org.satupintu.support.problem;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** RFC 9457 problem details with a stable machine word in {@code code} and a type URI derived from it. */
public final class Problems {

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(ProblemCode.TYPE_BASE + code));
        problem.setProperty("code", code);
        return problem;
    }

    public static ProblemDetail of(ProblemCode code, String detail) {
        return of(HttpStatus.valueOf(code.status()), code.code(), detail);
    }

    /** The same members as a plain map, for writers that run before Spring MVC's converters (filters). */
    public static Map<String, Object> body(ProblemCode code, String detail, String instance) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", code.type());
        problem.put("title", HttpStatus.valueOf(code.status()).getReasonPhrase());
        problem.put("status", code.status());
        problem.put("detail", detail);
        problem.put("instance", instance);
        problem.put("code", code.code());
        return problem;
    }
}
