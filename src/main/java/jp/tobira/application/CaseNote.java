package jp.tobira.application;

import java.time.Instant;
import java.util.UUID;

/**
 * An internal note on a case, as its author wrote it: for the supervisor's staff only,
 * never changed once written. {@code taskId} names the task screen it was written on, if
 * any.
 */
public record CaseNote(UUID id, UUID applicationId, String author, Instant writtenAt, String taskId, String text) {
}
