package jp.tobira.application;

/** An issuer withdrew an application; published inside the withdrawing transaction. */
public record ApplicationWithdrawn(ApplicationId applicationId, Reference reference, boolean wasDraft) {
}
