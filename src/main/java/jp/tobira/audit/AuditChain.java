package jp.tobira.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The hashing rule of the chain, in one place for the writer and the verifier. The
 * canonical form of an entry is the JSON array
 * {@code [seq, occurredAt, actor, caseReference, kind, payload]}: a JSON encoding leaves
 * no ambiguity about where one field ends, whatever characters an actor name or payload
 * holds.
 */
final class AuditChain {

	static final String GENESIS = "0".repeat(64);

	private static final ObjectMapper JSON = new ObjectMapper();

	/**
	 * One digest a thread: looking the algorithm up for every entry cost about as much as
	 * hashing it, which a verification of millions of entries pays millions of times.
	 */
	private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	});

	private AuditChain() {
	}

	static String hash(String previousHash, long seq, Instant occurredAt, String actor, String caseReference,
			AuditKind kind, String payload) {
		try {
			String canonical = JSON.writeValueAsString(Arrays.asList(seq,
					DateTimeFormatter.ISO_INSTANT.format(occurredAt), actor, caseReference, kind.name(), payload));
			MessageDigest sha256 = SHA_256.get();
			sha256.reset();
			sha256.update(previousHash.getBytes(StandardCharsets.US_ASCII));
			return HexFormat.of().formatHex(sha256.digest(canonical.getBytes(StandardCharsets.UTF_8)));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String hashOf(AuditEntry entry) {
		return hash(entry.previousHash(), entry.seq(), entry.occurredAt(), entry.actor(), entry.caseReference(),
				entry.kind(), entry.payload());
	}

}
