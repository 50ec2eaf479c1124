package jp.tobira.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import jp.tobira.TobiraIntegrationTest;
import jp.tobira.decision.RegisterStatus;
import jp.tobira.security.Organisations;
import jp.tobira.supervision.ReportingCalendar;

/**
 * The dashboard's supervision figures with 100,000 tokens under supervision for six
 * months, half of them with five months of reports (a tenth of those flagged): the rows
 * are written straight into the tables in one transaction, the figures are read inside it
 * and checked against what was written, and everything is rolled back. The figure is
 * printed for BENCHMARKS.md, never asserted (a benchmark of the bench profile); the point
 * is that the counts are exact with nothing bound or read per case.
 */
@TobiraIntegrationTest
class SupervisionStatisticsLoadBenchmark {

	static final int TOKENS = 100_000;

	@Autowired
	SupervisionStatistics statistics;

	@Autowired
	ReportingCalendar calendar;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	Organisations organisations;

	@Autowired
	Clock clock;

	@Test
	void countsAHundredThousandSupervisedTokensInOneAggregateEach() {
		LocalDate today = LocalDate.now(clock);
		YearMonth dueMonth = YearMonth.from(today).minusMonths(1);
		boolean pastDueDay = calendar.isOverdue(dueMonth, today);
		List<Long> millis = new ArrayList<>();
		transactions.executeWithoutResult(tx -> {
			SupervisionStatistics.Figures before = statistics.figures();
			insert(organisations.findByName("Example Trust Company, LLC").orElseThrow(), dueMonth);
			// the planner's statistics as autovacuum keeps them on a database that grew
			// so
			jdbc.execute("ANALYZE app.application, app.supervision, app.register_entry, app.reserve_report");
			SupervisionStatistics.Figures after = null;
			for (int run = 0; run < 5; run++) {
				long start = System.nanoTime();
				after = statistics.figures();
				millis.add((System.nanoTime() - start) / 1_000_000);
			}
			// every token misses last month's report; the odd ones every month since
			// the first (six), the even ones only last month's
			long missingLast = TOKENS;
			long lateOdd = (TOKENS / 2) * (pastDueDay ? 6L : 5L);
			long lateEven = pastDueDay ? TOKENS / 2 : 0;
			assertThat(after.due() - before.due()).isEqualTo(pastDueDay ? 0 : missingLast);
			assertThat(after.late() - before.late()).isEqualTo(lateOdd + lateEven);
			// a tenth of the even tokens (i divisible by ten) filed five flagged reports
			assertThat(after.flagged() - before.flagged()).isEqualTo((TOKENS / 10) * 5L);
			assertThat(after.tokensByStatus().get(RegisterStatus.SUSPENDED)
					- before.tokensByStatus().get(RegisterStatus.SUSPENDED))
				.isEqualTo(TOKENS / 4);
			assertThat(after.tokensByStatus().get(RegisterStatus.RECOGNISED)
					- before.tokensByStatus().get(RegisterStatus.RECOGNISED))
				.isEqualTo(TOKENS - TOKENS / 4);
			tx.setRollbackOnly();
		});
		long median = millis.stream().sorted().toList().get(millis.size() / 2);
		System.out.printf("DASHBOARD supervision figures with %d supervised tokens: median %d ms (runs %s)%n", TOKENS,
				median, millis);
	}

	/**
	 * Tokens recognised six months before the due month (first period five months before
	 * it), each with its register entry (every fourth suspended); the even ones with a
	 * report for each month but the due month, every tenth token's flagged.
	 */
	private void insert(UUID organisation, YearMonth dueMonth) {
		String first = dueMonth.minusMonths(5).toString();
		jdbc.update("""
				INSERT INTO app.application (id, reference, organisation_id, status, stage, content, issuer_name,
				    jurisdiction, token_name, token_symbol, pegged_currency, created_by, created_at, updated_at,
				    submitted_at, version)
				SELECT gen_random_uuid(), 'EQ-2097-' || lpad(i::text, 6, '0'), ?, 'APPROVED', 'CLOSED', '{}'::jsonb,
				       'Load Issuer ' || i, 'CH', 'Load Token ' || i, 'LT' || i, 'USD', 'load', now(), now(), now(), 0
				FROM generate_series(1, ?) i
				""", organisation, TOKENS);
		jdbc.update("""
				INSERT INTO app.supervision (application_id, reference, process_instance_id, first_period, started_at)
				SELECT id, reference, 'load-sv-' || reference, ?, now() FROM app.application
				WHERE reference LIKE 'EQ-2097-%'
				""", first);
		jdbc.update("""
				INSERT INTO app.register_entry (application_id, reference, token_name, symbol, pegged_currency,
				    issuer_name, home_jurisdiction, home_regulator, intermediary_name, intermediary_registration,
				    decision_date, status, status_since, updated_at)
				SELECT id, reference, token_name, token_symbol, 'USD', issuer_name, 'CH', 'FINMA', 'Load KK', 'K-1', ?,
				       CASE WHEN right(reference, 6)::int % 4 = 0 THEN 'SUSPENDED' ELSE 'RECOGNISED' END, ?, now()
				FROM app.application WHERE reference LIKE 'EQ-2097-%'
				""", Date.valueOf(dueMonth.minusMonths(5).atDay(1)), Date.valueOf(dueMonth.minusMonths(5).atDay(1)));
		UUID document = UUID.randomUUID();
		jdbc.update(
				"""
						INSERT INTO app.document (id, application_id, type, version, file_name, size_bytes, media_type, sha256,
						    uploaded_by, uploaded_at, content)
						SELECT ?, id, 'RESERVE_ATTESTATION', 1, 'attestation.pdf', 1, 'application/pdf', repeat('0', 64), 'load',
						       now(), '\\x00'::bytea
						FROM app.application WHERE reference = 'EQ-2097-000001'
						""",
				document);
		jdbc.update(
				"""
						INSERT INTO app.reserve_report (id, application_id, period, version, as_of, outstanding_supply, reserves,
						    reserves_total, coverage_ratio, attestation_date, attestation_document_id, redemption_count,
						    redemption_amount, redemption_longest_business_days, rulebook_version, thresholds, checks, flags,
						    filed_by, filed_at)
						SELECT gen_random_uuid(), a.id, to_char(m, 'YYYY-MM'), 1, (m + interval '1 month - 1 day')::date, 1,
						       '{"assets": []}'::jsonb, 1, 1, (m + interval '1 month - 1 day')::date, ?, 0, 0, 0,
						       (SELECT min(version) FROM app.rulebook_version), '{}'::jsonb, '[]'::jsonb,
						       CASE WHEN right(a.reference, 6)::int % 10 = 0 THEN '["UNDER_BACKED"]'::jsonb ELSE '[]'::jsonb END,
						       'load', now()
						FROM app.application a,
						     generate_series(CAST(? AS date), CAST(? AS date), interval '1 month') AS m
						WHERE a.reference LIKE 'EQ-2097-%' AND right(a.reference, 6)::int % 2 = 0
						""",
				document, Date.valueOf(dueMonth.minusMonths(5).atDay(1)),
				Date.valueOf(dueMonth.minusMonths(1).atDay(1)));
	}

}
