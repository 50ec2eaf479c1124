package jp.tobira.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

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
 * The audit figures of issue 15, run by {@code ./mvnw -Pbench verify} alone
 * ({@link AuditCost}): {@code -Dbench.audit.threads} workers (default 4) each running
 * {@code -Dbench.audit.transactions} small transactions (default 1,000, half with an
 * append), then verification at {@code -Dbench.audit.entries} entries (default
 * 1,000,000). Writes {@code target/bench/audit.json}. {@link AuditSmokeIntegrationTests}
 * keeps it from rotting in the ordinary build.
 */
@TobiraIntegrationTest
class AuditBenchmark {

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
	void appendCostAndVerificationSpeed() throws Exception {
		int threads = Integer.getInteger("bench.audit.threads", 4);
		UUID organisation = organisations.findByName("Example Trust Company, LLC").orElseThrow();
		BenchCases cases = new BenchCases(jdbc, organisation, Fixtures.exampleJson());
		try {
			cases.grow(0, threads);
			List<UUID> ids = jdbc.queryForList(
					"SELECT id FROM app.application WHERE reference LIKE ? ORDER BY reference LIMIT ?", UUID.class,
					BenchCases.PREFIX + "%", threads);
			AuditCost bench = new AuditCost(jdbc, dataSource, transactions, auditLog, verifier, ids,
					new AuditCost.Settings(threads, Integer.getInteger("bench.audit.transactions", 1000),
							Long.getLong("bench.audit.entries", 1_000_000L), Path.of("target", "bench")));
			AuditCost.Verification verification = (AuditCost.Verification) bench.run().get("verification");
			assertThat(verification.valid()).isTrue();
		}
		finally {
			// the clones go, so that the reading benchmark of the same run starts from
			// none
			cases.removeAll();
		}
	}

}
