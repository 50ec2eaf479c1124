package jp.tobira.application;

/**
 * The issuer answered the open request for information; published inside the answering
 * transaction.
 */
public record RfiAnswered(ApplicationId applicationId, Reference reference) {
}
