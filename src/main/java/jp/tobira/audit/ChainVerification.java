package jp.tobira.audit;

import java.io.Serializable;

/**
 * The result of re-walking the chain: valid, or the first entry that breaks it and why.
 * Serialised as {@code {"valid":true,"entries":N}} when valid. The audit page's "verify"
 * button flashes it to the page it redirects to, through the session, which lives in
 * PostgreSQL: hence {@link Serializable}.
 */
public record ChainVerification(boolean valid, long entries, Long firstBrokenSeq,
		String reason) implements Serializable {

	static ChainVerification valid(long entries) {
		return new ChainVerification(true, entries, null, null);
	}

	static ChainVerification broken(long entries, long seq, String reason) {
		return new ChainVerification(false, entries, seq, reason);
	}
}
