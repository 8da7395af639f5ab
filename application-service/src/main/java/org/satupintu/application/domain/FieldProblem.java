package org.satupintu.application.domain;

/** What is wrong with one field of the input. */
public record FieldProblem(String field, String message) {
}
