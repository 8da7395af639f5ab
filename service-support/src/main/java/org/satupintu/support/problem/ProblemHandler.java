package org.satupintu.support.problem;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.satupintu.support.web.BodySizeLimitFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Where exceptions become RFC 9457 problem responses; never a stack trace. A service that has refusals of its own
 * (domain exceptions) subclasses this advice and adds {@code @ExceptionHandler} methods; the auto-configuration
 * then leaves its own instance out.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(ApiException.class)
    protected ResponseEntity<ProblemDetail> api(ApiException e) {
        return problem(e.status(), e.code(), String.valueOf(e.getMessage()), e.properties());
    }

    @ExceptionHandler(AccessDeniedException.class)
    protected ProblemDetail denied(AccessDeniedException e) {
        return Problems.of(ProblemCode.FORBIDDEN, "Your role may not do this.");
    }

    /** Two writers raced on the same version: the same answer as a stale {@code If-Match}, in every service. */
    @ExceptionHandler(OptimisticLockingFailureException.class)
    protected ProblemDetail raced(OptimisticLockingFailureException e) {
        return Problems.of(ProblemCode.STALE_VERSION,
                "The resource changed while your request ran; reload it and retry.");
    }

    @ExceptionHandler(jakarta.validation.ConstraintViolationException.class)
    protected ResponseEntity<Object> constraintViolation(jakarta.validation.ConstraintViolationException e) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(String.valueOf(v.getPropertyPath()), v.getMessage())).toList();
        return badRequest("Request parameters are invalid.", errors);
    }

    @ExceptionHandler(Exception.class)
    protected ProblemDetail unexpected(Exception e) {
        log.error("Unexpected error", e);
        return Problems.of(ProblemCode.INTERNAL_ERROR,
                "Something went wrong on our side; the request changed nothing it could not complete.");
    }

    /** A problem answer with extra members (e.g. {@code errors}, {@code missingRequirements}). */
    protected static ResponseEntity<ProblemDetail> problem(int status, String code, String detail,
            java.util.Map<String, Object> properties) {
        ProblemDetail problem = Problems.of(HttpStatus.valueOf(status), code, detail);
        properties.forEach(problem::setProperty);
        return ResponseEntity.status(status).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(f -> new FieldError(f.getField(), String.valueOf(f.getDefaultMessage()))).toList();
        return badRequest("The request body is invalid.", errors);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = new ArrayList<>();
        for (var result : ex.getParameterValidationResults()) {
            if (result instanceof ParameterErrors bodyErrors) {
                bodyErrors.getFieldErrors().forEach(f -> errors.add(new FieldError(f.getField(),
                        String.valueOf(f.getDefaultMessage()))));
            }
            else {
                String name = result.getMethodParameter().getParameterName();
                result.getResolvableErrors().forEach(err -> errors.add(new FieldError(name == null ? "parameter" : name,
                        String.valueOf(err.getDefaultMessage()))));
            }
        }
        return badRequest("Request parameters are invalid.", errors);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof BodySizeLimitFilter.BodyTooLargeException tooLarge) {
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                        .body(Problems.of(ProblemCode.TOO_LARGE, tooLarge.detail()));
            }
        }
        return badRequest("The request body is not valid JSON of the expected shape.", List.of());
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers, HttpStatusCode statusCode,
            WebRequest request) {
        // Spring MVC's own problems (404, 405, 415, ...) get a stable code and a type as well (Spring leaves the
        // type out, and API.md promises type, title and status on every problem).
        if (body instanceof ProblemDetail problem && problem.getProperties() == null) {
            ProblemCode code = ProblemCode.forStatus(statusCode.value());
            problem.setProperty("code", code.code());
            problem.setType(java.net.URI.create(code.type()));
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    protected ResponseEntity<Object> badRequest(String detail, List<FieldError> errors) {
        ProblemDetail problem = Problems.of(ProblemCode.VALIDATION_FAILED, detail);
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }
}
