package jp.tobira.validation;

/** What is wrong with one field: its path in the request (such as {@code reserves.assets[0].amount}) and why. */
public record FieldProblem(String field, String message) {
}
