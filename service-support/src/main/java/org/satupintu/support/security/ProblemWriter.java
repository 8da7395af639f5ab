package org.satupintu.support.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.satupintu.support.problem.ProblemCode;
import org.satupintu.support.problem.Problems;
import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/** 401 and 403 from the security filter chain as problem JSON; written by hand, before Spring MVC's converters. */
public final class ProblemWriter {

    private final JsonMapper json;

    public ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    public AuthenticationEntryPoint unauthorized() {
        return (request, response, e) -> write(request, response, ProblemCode.UNAUTHORIZED,
                "A valid access token is required.");
    }

    public AccessDeniedHandler forbidden() {
        return (request, response, e) -> write(request, response, ProblemCode.FORBIDDEN, "Your role may not do this.");
    }

    public void write(HttpServletRequest request, HttpServletResponse response, ProblemCode code, String detail)
            throws IOException {
        response.setStatus(code.status());
        if (code == ProblemCode.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), Problems.body(code, detail, request.getRequestURI()));
    }
}
