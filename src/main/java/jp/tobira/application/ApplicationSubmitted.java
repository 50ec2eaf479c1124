package jp.tobira.application;

/**
 * An issuer submitted an application. Published inside the submitting transaction: the
 * process starts in that same transaction, so no acknowledged submission is ever without
 * its process.
 */
public record ApplicationSubmitted(ApplicationId applicationId, Reference reference) {
}
