package jp.tobira.decision;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One change of a register entry's status, as the register publishes it: the day it took
 * effect, why, the case, and the head of the audit chain at the change (the sequence
 * number and hash of the audit entry that records it), so that anyone who kept it can
 * check later that the log was not rewritten.
 *
 * @param auditSeq {@code null} only for a change recorded before the register kept its
 * history whose audit entry could not be found
 */
public record RegisterStatusChange(LocalDate date, RegisterStatus status, String reasons, String reference,
		Instant changedAt, Long auditSeq, String auditHash) {
}
