package org.satupintu.support.problem;

/** One entry of a problem's {@code errors} member: which field, and what is wrong with it. */
public record FieldError(String field, String message) {
}
