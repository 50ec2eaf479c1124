package jp.tobira.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import jp.tobira.Fixtures;
import jp.tobira.TobiraIntegrationTest;
import jp.tobira.audit.AuditLog;
import jp.tobira.audit.AuditVerifier;
import jp.tobira.security.Organisations;

/**
 * A small run of {@link AuditBenchmark} in the ordinary build, so that it cannot rot: two
 * threads of a few transactions each, and the log brought 2,000 entries past where the
 * other tests left it with the benchmark's seeding, which must leave a chain that still
 * verifies. No timing is asserted. The seeded entries stay (the log is append-only); the
 * cases are removed.
 */
@TobiraIntegrationTest
class AuditSmokeIntegrationTests {

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	AuditLog auditLog;

	@Autowired
	AuditVerifier verifier;

	@Autowired
	Organisations organisations;

	@Test
	void measuresTheAppendsCostAndVerifiesTheSeededChain() throws Exception {
		UUID organisation = organisations.findByName("Example Trust Company, LLC").orElseThrow();
		BenchCases cases = new BenchCases(jdbc, organisation, Fixtures.exampleJson());
		Path output = Path.of("target", "bench-smoke");
		try {
			cases.grow(0, 2);
			List<UUID> ids = jdbc.queryForList(
					"SELECT id FROM app.application WHERE reference LIKE ? ORDER BY reference", UUID.class,
					BenchCases.PREFIX + "%");
			long before = jdbc.queryForObject("SELECT seq FROM app.audit_chain_head", Long.class);
			Map<String, Object> results = new AuditCost(jdbc, dataSource, transactions, auditLog, verifier, ids,
					new AuditCost.Settings(2, 10, before + 10 + 2_000, output))
				.run();

			AuditCost.Append append = (AuditCost.Append) results.get("append");
			assertThat(append.without().samples()).isEqualTo(10);
			assertThat(append.with().samples()).isEqualTo(10);
			assertThat(append.with().p95()).isPositive();
			assertThat(append.without().p95()).isPositive();
			AuditCost.Verification verification = (AuditCost.Verification) results.get("verification");
			assertThat(verification.valid()).as("the seeded entries continue the chain").isTrue();
			assertThat(verification.entries()).isGreaterThanOrEqualTo(before + 10 + 2_000);
			assertThat(verification.entriesPerSecondSecond()).isPositive();
			assertThat(jdbc.queryForObject("SELECT count(*) FROM app.audit_entry WHERE actor = 'bench'", Long.class))
				.as("the audited transactions appended through the log")
				.isGreaterThanOrEqualTo(10);

			JsonNode written = new ObjectMapper().readTree(output.resolve("audit.json").toFile());
			assertThat(written.at("/verification/valid").asBoolean()).isTrue();
			assertThat(written.at("/append/with/p95").isNumber()).isTrue();
		}
		finally {
			cases.removeAll();
		}
	}

}
