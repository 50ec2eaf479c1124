package jp.tobira.audit;

/**
 * The result of re-walking the chain: valid, or the first entry that breaks it and why.
 * Serialised as {@code {"valid":true,"entries":N}} when valid.
 */
public record ChainVerification(boolean valid, long entries, Long firstBrokenSeq, String reason) {

	static ChainVerification valid(long entries) {
		return new ChainVerification(true, entries, null, null);
	}

	static ChainVerification broken(long entries, long seq, String reason) {
		return new ChainVerification(false, entries, seq, reason);
	}
}
