package jp.tobira.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

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

	@Test
	void guardsCsvCellsAgainstFormulas() {
		assertThat(AuditCsv.cell("=SUM(A1)")).isEqualTo("'=SUM(A1)");
		assertThat(AuditCsv.cell("+1")).isEqualTo("'+1");
		assertThat(AuditCsv.cell("@x")).isEqualTo("'@x");
		assertThat(AuditCsv.cell("issuer")).isEqualTo("issuer");
		assertThat(AuditCsv.cell("{\"a\":1}")).isEqualTo("{\"a\":1}");
	}

}
