package org.satupintu.application.web;

import java.util.Map;

import org.satupintu.application.domain.ConflictException;
import org.satupintu.application.domain.DomainException;
import org.satupintu.application.domain.InvalidInputException;
import org.satupintu.application.domain.InvalidTransitionException;
import org.satupintu.application.domain.NotFoundException;
import org.satupintu.application.domain.NotPermittedException;
import org.satupintu.application.domain.RuleViolationException;
import org.satupintu.application.domain.StaleVersionException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The shared problem answers, plus the domain's refusals mapped to their statuses (API.md conventions). */
@RestControllerAdvice
class ProblemHandler extends org.satupintu.support.problem.ProblemHandler {

    @ExceptionHandler(DomainException.class)
    ResponseEntity<ProblemDetail> domain(DomainException e) {
        int status = switch (e) {
            case NotFoundException n -> 404;
            case NotPermittedException n -> 403;
            case InvalidTransitionException n -> 409;
            case ConflictException n -> 409;
            case StaleVersionException n -> 412;
            case RuleViolationException n -> 422;
            case InvalidInputException n -> 400;
        };
        Map<String, Object> details = e.details();
        return problem(status, e.code(), String.valueOf(e.getMessage()), details);
    }
}
