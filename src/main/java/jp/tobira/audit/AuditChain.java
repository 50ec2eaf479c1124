package jp.tobira.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

import com.fasterxml.jackson.core.io.CharTypes;
import com.fasterxml.jackson.core.io.CharacterEscapes;

/**
 * The hashing rule of the chain, in one place for the writer and the verifier. The
 * canonical form of an entry is the JSON array
 * {@code [seq, occurredAt, actor, caseReference, kind, payload]}: a JSON encoding leaves
 * no ambiguity about where one field ends, whatever characters an actor name or payload
 * holds. An entry's hash is SHA-256 of the hash it links to (64 ASCII characters)
 * followed by the UTF-8 bytes of its canonical form, written as lower-case hex.
 */
final class AuditChain {

	static final String GENESIS = "0".repeat(64);

	/**
	 * Jackson's: for each ASCII character, 0 (as it is), the character after a backslash,
	 * or a \\u escape.
	 */
	private static final int[] ESCAPES = CharTypes.get7BitOutputEscapes();

	/**
	 * Jackson's escapes by byte of UTF-8: 0 (as it is, every byte of a character beyond
	 * ASCII among them), the character after a backslash, or {@code u} for a \\u escape.
	 */
	private static final byte[] BYTE_ESCAPES = new byte[256];

	static {
		for (int c = 0; c < ESCAPES.length; c++) {
			BYTE_ESCAPES[c] = (byte) (ESCAPES[c] == CharacterEscapes.ESCAPE_STANDARD ? 'u' : ESCAPES[c]);
		}
	}

	/** Jackson writes the digits of a \\u escape in upper case. */
	private static final byte[] ESCAPE_DIGITS = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] HASH_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

	/**
	 * One hasher a thread: its digest (looking the algorithm up for every entry cost
	 * about as much as hashing it) and its buffer, reused for every entry of a
	 * verification of millions.
	 */
	private static final ThreadLocal<Hasher> HASHER = ThreadLocal.withInitial(Hasher::new);

	private AuditChain() {
	}

	/**
	 * Text as UTF-8 bytes, as PostgreSQL stores and sends it: {@code length} bytes of
	 * {@code bytes} from {@code offset}. The verifier hashes the rows as they arrive,
	 * without decoding them into strings.
	 */
	record Utf8(byte[] bytes, int offset, int length) {

		static Utf8 of(String text) {
			byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
			return new Utf8(bytes, 0, bytes.length);
		}

		boolean sameBytes(Utf8 other) {
			return Arrays.equals(bytes, offset, offset + length, other.bytes, other.offset,
					other.offset + other.length);
		}

		@Override
		public String toString() {
			return new String(bytes, offset, length, StandardCharsets.UTF_8);
		}

	}

	static String hash(String previousHash, long seq, Instant occurredAt, String actor, String caseReference,
			AuditKind kind, String payload) {
		return hash(Utf8.of(previousHash), seq, occurredAt, Utf8.of(actor),
				caseReference == null ? null : Utf8.of(caseReference), Utf8.of(kind.name()), Utf8.of(payload))
			.toString();
	}

	/**
	 * The same rule on the bytes of a stored row.
	 * @param caseReference {@code null} for an entry about no case
	 * @return the hash, 64 lower-case hex digits
	 */
	static Utf8 hash(Utf8 previousHash, long seq, Instant occurredAt, Utf8 actor, Utf8 caseReference, Utf8 kind,
			Utf8 payload) {
		return HASHER.get().hash(previousHash, seq, occurredAt, actor, caseReference, kind, payload);
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
		Hasher hasher = HASHER.get();
		hasher.canonical(seq, occurredAt, Utf8.of(actor), caseReference == null ? null : Utf8.of(caseReference),
				Utf8.of(kind.name()), Utf8.of(payload));
		return new String(hasher.buffer, 0, hasher.size, StandardCharsets.UTF_8);
	}

	/** Writes canonical forms into a buffer of its own and hashes them. Not shared. */
	private static final class Hasher {

		private final MessageDigest sha256;

		private byte[] buffer = new byte[1024];

		private int size;

		/**
		 * The last whole second written and its text: entries written close together
		 * share it, and formatting it was a good part of an entry's cost.
		 */
		private long second = Long.MIN_VALUE;

		private byte[] secondText;

		Hasher() {
			try {
				this.sha256 = MessageDigest.getInstance("SHA-256");
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

		Utf8 hash(Utf8 previousHash, long seq, Instant occurredAt, Utf8 actor, Utf8 caseReference, Utf8 kind,
				Utf8 payload) {
			canonical(seq, occurredAt, actor, caseReference, kind, payload);
			sha256.reset();
			sha256.update(previousHash.bytes(), previousHash.offset(), previousHash.length());
			sha256.update(buffer, 0, size);
			byte[] digest = sha256.digest();
			byte[] hex = new byte[digest.length * 2];
			for (int i = 0; i < digest.length; i++) {
				hex[2 * i] = HASH_DIGITS[(digest[i] >> 4) & 0xF];
				hex[2 * i + 1] = HASH_DIGITS[digest[i] & 0xF];
			}
			return new Utf8(hex, 0, hex.length);
		}

		void canonical(long seq, Instant occurredAt, Utf8 actor, Utf8 caseReference, Utf8 kind, Utf8 payload) {
			size = 0;
			// escaping at most sextuples a character (a \\u escape); 128 for the
			// number, the time, the quotes, commas and brackets
			ensure(128 + 6 * (actor.length() + (caseReference == null ? 0 : caseReference.length()) + kind.length()
					+ payload.length()));
			buffer[size++] = '[';
			ascii(Long.toString(seq));
			buffer[size++] = ',';
			buffer[size++] = '"';
			instant(occurredAt);
			buffer[size++] = '"';
			buffer[size++] = ',';
			quoted(actor);
			buffer[size++] = ',';
			if (caseReference == null) {
				System.arraycopy(NULL, 0, buffer, size, NULL.length);
				size += NULL.length;
			}
			else {
				quoted(caseReference);
			}
			buffer[size++] = ',';
			quoted(kind);
			buffer[size++] = ',';
			quoted(payload);
			buffer[size++] = ']';
		}

		/**
		 * {@link DateTimeFormatter#ISO_INSTANT}'s text: the whole second, then as many
		 * groups of three fraction digits as the nanoseconds need, then {@code Z}.
		 */
		private void instant(Instant instant) {
			if (instant.getEpochSecond() != second) {
				String whole = DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(instant.getEpochSecond()));
				second = instant.getEpochSecond();
				secondText = whole.substring(0, whole.length() - 1).getBytes(StandardCharsets.US_ASCII);
			}
			System.arraycopy(secondText, 0, buffer, size, secondText.length);
			size += secondText.length;
			int nano = instant.getNano();
			if (nano != 0) {
				int digits = nano % 1_000_000 == 0 ? 3 : nano % 1000 == 0 ? 6 : 9;
				buffer[size++] = '.';
				int divisor = 100_000_000;
				for (int i = 0; i < digits; i++) {
					buffer[size++] = (byte) ('0' + (nano / divisor) % 10);
					divisor /= 10;
				}
			}
			buffer[size++] = 'Z';
		}

		private void ascii(String text) {
			for (int i = 0; i < text.length(); i++) {
				buffer[size++] = (byte) text.charAt(i);
			}
		}

		/**
		 * A JSON string as Jackson's generator writes it by default, by its own table of
		 * escapes, on UTF-8 bytes: only ASCII characters are escaped, and every byte of a
		 * character beyond ASCII is 0x80 or above, so those are copied as they are, as
		 * Jackson writes the character. Byte by byte, in locals, by a table of every byte
		 * value: a payload has a quote every few characters, and this loop was most of an
		 * entry's hashing.
		 */
		private void quoted(Utf8 text) {
			byte[] out = buffer;
			int at = size;
			out[at++] = '"';
			byte[] bytes = text.bytes();
			int end = text.offset() + text.length();
			for (int i = text.offset(); i < end; i++) {
				byte b = bytes[i];
				byte escape = BYTE_ESCAPES[b & 0xFF];
				if (escape == 0) {
					out[at++] = b;
				}
				else if (escape == 'u') {
					out[at++] = '\\';
					out[at++] = 'u';
					out[at++] = '0';
					out[at++] = '0';
					out[at++] = ESCAPE_DIGITS[(b >> 4) & 0xF];
					out[at++] = ESCAPE_DIGITS[b & 0xF];
				}
				else {
					out[at++] = '\\';
					out[at++] = escape;
				}
			}
			out[at++] = '"';
			size = at;
		}

		private void ensure(int capacity) {
			if (buffer.length < capacity) {
				buffer = new byte[Math.max(capacity, 2 * buffer.length)];
			}
		}

	}

}
