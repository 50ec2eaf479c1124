package jp.tobira.audit;

import java.time.Instant;

/**
 * One link of the chain. {@code payload} is the canonical JSON exactly as it was hashed;
 * {@code hash} is SHA-256(previousHash ‖ canonical form of this entry).
 */
public record AuditEntry(long seq, Instant occurredAt, String actor, String caseReference, AuditKind kind,
		String payload, String previousHash, String hash) {
}
