package jp.tobira.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

import com.fasterxml.jackson.core.io.CharTypes;
import com.fasterxml.jackson.core.io.CharacterEscapes;

/**
 * The hashing rule of the chain, in one place for the writer and the verifier. The
 * canonical form of an entry is the JSON array
 * {@code [seq, occurredAt, actor, caseReference, kind, payload]}: a JSON encoding leaves
 * no ambiguity about where one field ends, whatever characters an actor name or payload
 * holds.
 */
final class AuditChain {

	static final String GENESIS = "0".repeat(64);

	/**
	 * Jackson's: for each ASCII character, 0 (as it is), the character after a backslash,
	 * or a \\u escape.
	 */
	private static final int[] ESCAPES = CharTypes.get7BitOutputEscapes();

	/** Jackson writes the digits of a \\u escape in upper case. */
	private static final HexFormat ESCAPE_HEX = HexFormat.of().withUpperCase();

	private static final HexFormat HEX = HexFormat.of();

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
		MessageDigest sha256 = SHA_256.get();
		sha256.reset();
		sha256.update(previousHash.getBytes(StandardCharsets.US_ASCII));
		return HEX.formatHex(sha256
			.digest(canonical(seq, occurredAt, actor, caseReference, kind, payload).getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * The canonical form, written as Jackson writes the array {@code [seq, occurredAt,
	 * actor, caseReference, kind, payload]} (its own string escaping, so the bytes are
	 * the same as when entries were first hashed through a generator), without a
	 * generator and a list an entry: a verification of millions of entries spent most of
	 * its time there.
	 */
	static String canonical(long seq, Instant occurredAt, String actor, String caseReference, AuditKind kind,
			String payload) {
		StringBuilder json = new StringBuilder(payload.length() + 128);
		json.append('[').append(seq).append(',');
		quoted(json, DateTimeFormatter.ISO_INSTANT.format(occurredAt)).append(',');
		quoted(json, actor).append(',');
		(caseReference == null ? json.append("null") : quoted(json, caseReference)).append(',');
		quoted(json, kind.name()).append(',');
		return quoted(json, payload).append(']').toString();
	}

	/**
	 * A JSON string as Jackson's generator writes it by default, by its own table of
	 * escapes: the runs between characters to escape are copied whole (Jackson's
	 * {@code JsonStringEncoder} appends character by character, which was most of a
	 * verification's time).
	 */
	private static StringBuilder quoted(StringBuilder json, String value) {
		json.append('"');
		int run = 0;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c >= ESCAPES.length || ESCAPES[c] == 0) {
				continue;
			}
			json.append(value, run, i).append('\\');
			int escape = ESCAPES[c];
			if (escape == CharacterEscapes.ESCAPE_STANDARD) {
				json.append('u').append(ESCAPE_HEX.toHexDigits((short) c));
			}
			else {
				json.append((char) escape);
			}
			run = i + 1;
		}
		return json.append(value, run, value.length()).append('"');
	}

	static String hashOf(AuditEntry entry) {
		return hash(entry.previousHash(), entry.seq(), entry.occurredAt(), entry.actor(), entry.caseReference(),
				entry.kind(), entry.payload());
	}

}
