package jp.tobira.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuditChainTests {

	static final Instant AT = Instant.parse("2026-11-25T01:02:03.456789Z");

	@Test
	void chainsEachEntryToThePreviousHash() {
		String first = AuditChain.hash(AuditChain.GENESIS, 1, AT, "issuer", "EQ-2026-000001",
				AuditKind.APPLICATION_CREATED, "{}");
		String second = AuditChain.hash(first, 2, AT, "issuer", "EQ-2026-000001", AuditKind.APPLICATION_SUBMITTED,
				"{}");
		assertThat(first).matches("[0-9a-f]{64}").isNotEqualTo(second);
		assertThat(AuditChain.hash(AuditChain.GENESIS, 1, AT, "issuer", "EQ-2026-000001", AuditKind.APPLICATION_CREATED,
				"{}"))
			.as("deterministic")
			.isEqualTo(first);
	}

	@Test
	void changesWhenAnyFieldChanges() {
		String base = AuditChain.hash(AuditChain.GENESIS, 1, AT, "a", "r", AuditKind.DECIDED, "{\"x\":1}");
		assertThat(AuditChain.hash("1".repeat(64), 1, AT, "a", "r", AuditKind.DECIDED, "{\"x\":1}")).isNotEqualTo(base);
		assertThat(AuditChain.hash(AuditChain.GENESIS, 2, AT, "a", "r", AuditKind.DECIDED, "{\"x\":1}"))
			.isNotEqualTo(base);
		assertThat(AuditChain.hash(AuditChain.GENESIS, 1, AT.plusNanos(1000), "a", "r", AuditKind.DECIDED, "{\"x\":1}"))
			.isNotEqualTo(base);
		assertThat(AuditChain.hash(AuditChain.GENESIS, 1, AT, "b", "r", AuditKind.DECIDED, "{\"x\":1}"))
			.isNotEqualTo(base);
		assertThat(AuditChain.hash(AuditChain.GENESIS, 1, AT, "a", null, AuditKind.DECIDED, "{\"x\":1}"))
			.isNotEqualTo(base);
		assertThat(AuditChain.hash(AuditChain.GENESIS, 1, AT, "a", "r", AuditKind.TASK_CLAIMED, "{\"x\":1}"))
			.isNotEqualTo(base);
		assertThat(AuditChain.hash(AuditChain.GENESIS, 1, AT, "a", "r", AuditKind.DECIDED, "{\"x\":2}"))
			.isNotEqualTo(base);
	}

	@Test
	void cannotBeFooledByMovingTextBetweenFields() {
		assertThat(AuditChain.hash(AuditChain.GENESIS, 1, AT, "ab", "c", AuditKind.DECIDED, "{}"))
			.isNotEqualTo(AuditChain.hash(AuditChain.GENESIS, 1, AT, "a", "bc", AuditKind.DECIDED, "{}"));
	}

	private static final ObjectMapper JACKSON = new ObjectMapper();

	/**
	 * The canonical form is written without a JSON generator, for speed: it must stay
	 * byte for byte what Jackson writes for the array, the form every entry already in a
	 * chain was hashed in, whatever characters an actor or payload holds.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "plain", "quote \" and backslash \\ and slash /", "tab\tnewline\nreturn\rback\bform\f",
			"control \u0001\u001f\u007f", "日本語 と ✓ and 😀", "line\u2028separator\u2029",
			"{\"nested\":\"json \\\"x\\\"\"}", "" })
	void writesTheCanonicalFormByteForByteAsJacksonDoes(String text) throws Exception {
		assertThat(AuditChain.canonical(42, AT, text, text, AuditKind.CONFIGURATION_CHANGED, text))
			.isEqualTo(JACKSON.writeValueAsString(
					Arrays.asList(42L, "2026-11-25T01:02:03.456789Z", text, text, "CONFIGURATION_CHANGED", text)));
	}

	@Test
	void keepsTheHashOfAnEntryHashedBeforeTheCanonicalFormWasWrittenByHand() {
		// SHA-256 of the genesis hash followed by
		// [1,"2026-12-01T00:00:00Z","system",null,"LOGGED_IN","{}"]
		assertThat(AuditChain.hash(AuditChain.GENESIS, 1, Instant.parse("2026-12-01T00:00:00Z"), "system", null,
				AuditKind.LOGGED_IN, "{}"))
			.isEqualTo("c8fb8120811dde32a0f8ef1e815a02fad9b927c48c7608f11c3dde7718f11a93");
	}

	/**
	 * The time is written as {@link DateTimeFormatter#ISO_INSTANT} writes it (its whole
	 * second kept from the entry before when they share it), including fractions of
	 * three, six and nine digits and a second that changes or comes back.
	 */
	@Test
	void writesTheTimeAsIsoInstantDoesWhateverItsFraction() {
		List<Instant> times = List.of(Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00.5Z"),
				Instant.parse("2026-12-01T00:00:00.000001Z"), Instant.parse("2026-12-01T00:00:00.120Z"),
				Instant.parse("2026-12-01T00:00:00.123456789Z"), Instant.parse("2026-12-01T23:59:59.999999Z"),
				Instant.parse("2026-12-01T00:00:00.010Z"), Instant.parse("1970-01-01T00:00:00Z"),
				Instant.parse("1969-12-31T23:59:59.999999Z"), Instant.parse("0001-01-01T00:00:00.000010Z"),
				Instant.parse("+10000-01-01T00:00:01Z"), AT);
		for (Instant time : times) {
			assertThat(AuditChain.canonical(7, time, "a", null, AuditKind.LOGGED_IN, "{}")).isEqualTo(
					"[7,\"" + DateTimeFormatter.ISO_INSTANT.format(time) + "\",\"a\",null,\"LOGGED_IN\",\"{}\"]");
		}
	}

	/**
	 * The verifier hashes a row's fields as the UTF-8 bytes PostgreSQL sent, where they
	 * lie in the message: the same hash as of the text, for text of any script.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "plain", "quote \" and backslash \\", "control \u0001\u001f\u007f\n", "日本語 と ✓ and 😀",
			"{\"nested\":\"json \\\"x\\\"\"}", "" })
	void hashesTheBytesOfAStoredRowAsItHashesItsText(String text) {
		String previous = "ab".repeat(32);
		byte[] message = ("xx" + previous + "|" + text + "|EQ-2026-000001|TASK_COMPLETED|" + text + "yy")
			.getBytes(StandardCharsets.UTF_8);
		int textLength = text.getBytes(StandardCharsets.UTF_8).length;
		int actorAt = 2 + 64 + 1;
		int referenceAt = actorAt + textLength + 1;
		int kindAt = referenceAt + 14 + 1;
		int payloadAt = kindAt + 14 + 1;
		AuditChain.Utf8 hash = AuditChain.hash(new AuditChain.Utf8(message, 2, 64), 9, AT,
				new AuditChain.Utf8(message, actorAt, textLength), new AuditChain.Utf8(message, referenceAt, 14),
				new AuditChain.Utf8(message, kindAt, 14), new AuditChain.Utf8(message, payloadAt, textLength));
		assertThat(hash.toString())
			.isEqualTo(AuditChain.hash(previous, 9, AT, text, "EQ-2026-000001", AuditKind.TASK_COMPLETED, text));
		assertThat(hash.sameBytes(AuditChain.Utf8
			.of(AuditChain.hash(previous, 9, AT, text, "EQ-2026-000001", AuditKind.TASK_COMPLETED, text)))).isTrue();
		assertThat(AuditChain
			.hash(new AuditChain.Utf8(message, 2, 64), 9, AT, new AuditChain.Utf8(message, actorAt, textLength), null,
					new AuditChain.Utf8(message, kindAt, 14), new AuditChain.Utf8(message, payloadAt, textLength))
			.sameBytes(hash)).as("no case is not the case").isFalse();
	}

	@Test
	void guardsCsvCellsAgainstFormulas() {
		assertThat(AuditCsv.cell("=SUM(A1)")).isEqualTo("'=SUM(A1)");
		assertThat(AuditCsv.cell("+1")).isEqualTo("'+1");
		assertThat(AuditCsv.cell("@x")).isEqualTo("'@x");
		assertThat(AuditCsv.cell("issuer")).isEqualTo("issuer");
		assertThat(AuditCsv.cell("{\"a\":1}")).isEqualTo("{\"a\":1}");
	}

}
