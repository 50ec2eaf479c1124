package jp.tobira.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.WebApplicationContext;

import jp.tobira.TobiraIntegrationTest;
import jp.tobira.application.Stage;
import jp.tobira.decision.Outcome;
import jp.tobira.security.Organisations;

/**
 * The dashboard's figures on known data: in one transaction the shared database's own
 * cases, task history and decisions are set aside, a handful of known ones put in, the
 * figures read (and the page rendered, in both languages), and everything rolled back.
 */
@TobiraIntegrationTest
class CaseStatisticsIntegrationTests {

	static final Instant T0 = Instant.parse("2026-04-01T01:00:00Z");

	@Autowired
	CaseStatistics statistics;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	Organisations organisations;

	@Autowired
	WebApplicationContext context;

	@Autowired
	UserDetailsService users;

	@Test
	void countsOpenCasesAgesThemMeasuresStagesAndCountsDecisionsByMonthAndOutcome() {
		transactions.executeWithoutResult(tx -> {
			try {
				setAsideTheSharedData();
				putInKnownData();
				CaseStatistics.Figures figures = statistics.figures();

				assertThat(figures.openByStage()).containsEntry(Stage.COMPLETENESS_CHECK, 2L)
					.containsEntry(Stage.REVIEW, 2L)
					.containsEntry(Stage.DECISION, 0L);

				assertThat(figures.ageing()).hasSize(CaseStatistics.AGE_BUCKETS.length + 1);
				// the case that waited 90 days for the issuer's answer stands at its
				// clock's day, in the first bucket, not at its 100 days since submission
				assertThat(figures.ageing().get(0)).isEqualTo(new CaseStatistics.AgeBucket(0, 10, 3));
				assertThat(figures.ageing().get(figures.ageing().size() - 1))
					.isEqualTo(new CaseStatistics.AgeBucket(61, null, 1));

				// completeness 2, 12 (with a request for information) and 4 days; review
				// 28 and 40; decision 5 and 10;
				// the withdrawn case and the case still in review are not measured for
				// the stage they did not leave
				assertThat(figures.medianDaysByStage()).containsExactly(Map.entry(Stage.COMPLETENESS_CHECK, 4.0),
						Map.entry(Stage.REVIEW, 34.0), Map.entry(Stage.DECISION, 7.5));

				assertThat(figures.decisionsByMonth()).extracting(CaseStatistics.MonthOfDecisions::month)
					.containsExactly(YearMonth.of(2026, 1), YearMonth.of(2026, 2), YearMonth.of(2026, 3));
				assertThat(figures.decisionsByMonth().get(0).byOutcome()).containsExactly(
						Map.entry(Outcome.APPROVE, 1L), Map.entry(Outcome.APPROVE_WITH_CONDITIONS, 0L),
						Map.entry(Outcome.REJECT, 1L));
				assertThat(figures.decisionsByMonth().get(1).byOutcome())
					.as("31 January 20:00 UTC is 1 February in Tokyo")
					.containsEntry(Outcome.REJECT, 1L);
				assertThat(figures.decisionsByMonth().get(2).total()).isEqualTo(1);

				MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
				String en = mvc.perform(get("/dashboard?lang=en").with(user(users.loadUserByUsername("admin"))))
					.andReturn()
					.getResponse()
					.getContentAsString();
				assertThat(en).contains("Median days per stage", "Completeness check", "Jan 2026", "Feb 2026",
						"Approved with conditions", "Day 0 to 10", "After day 60", "<td>34.0</td>", "<td>7.5</td>");
				String ja = mvc.perform(get("/dashboard?lang=ja").with(user(users.loadUserByUsername("admin"))))
					.andReturn()
					.getResponse()
					.getContentAsString();
				assertThat(ja).contains("段階別の所要日数（中央値）", "2026年1月", "2026年3月", "条件付き承認", "却下");
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
			finally {
				tx.setRollbackOnly();
			}
		});
	}

	private void setAsideTheSharedData() {
		jdbc.update(
				"UPDATE app.application SET status = 'LAPSED' WHERE status IN ('SUBMITTED', 'IN_REVIEW', 'AWAITING_ISSUER')");
		jdbc.update("DELETE FROM public.act_hi_taskinst");
		// the stages kept from that history (V31): a stay stays when the history goes
		jdbc.update("DELETE FROM app.case_stay");
		jdbc.update("DELETE FROM app.decision");
	}

	private void putInKnownData() {
		Instant now = Instant.now();
		UUID fresh1 = application("SUBMITTED", "COMPLETENESS_CHECK", now);
		application("AWAITING_ISSUER", "COMPLETENESS_CHECK", now.minus(Duration.ofHours(1)));
		application("IN_REVIEW", "REVIEW", now.minus(Duration.ofDays(150)));
		UUID paused = application("IN_REVIEW", "REVIEW", now.minus(Duration.ofDays(100)));
		jdbc.update("""
				INSERT INTO app.rfi (id, application_id, task_key, missing, message, raised_by, raised_at, closed_at)
				VALUES (?, ?, 'checkCompleteness', '[]', 'statistics', 'intake', ?, ?)
				""", UUID.randomUUID(), paused, Timestamp.from(now.minus(Duration.ofDays(97))),
				Timestamp.from(now.minus(Duration.ofDays(7))));
		assertThat(fresh1).isNotNull();

		// p1: completeness days 0-2, review 2-30, decision 30-35
		task("p1", "checkCompleteness", 0, 2, "completed");
		task("p1", "reviewBacking", 2, 20, "completed");
		task("p1", "requestHomeConfirmation", 2, 3, "completed");
		task("p1", "recordHomeReply", 3, 30, "completed");
		task("p1", "decide", 30, 35, "completed");
		// p2: a request for information inside completeness (0-1, answered, 11-12),
		// review 12-52, decision 52-62
		task("p2", "checkCompleteness", 0, 1, "completed");
		task("p2", "checkCompleteness", 11, 12, "completed");
		task("p2", "reviewBacking", 12, 22, "completed");
		task("p2", "requestHomeConfirmation", 12, 13, "completed");
		task("p2", "recordHomeReply", 13, 52, "completed");
		task("p2", "decide", 52, 62, "completed");
		// p3: completeness 0-4, still in review
		task("p3", "checkCompleteness", 0, 4, "completed");
		task("p3", "reviewBacking", 4, null, null);
		// p4: withdrawn during the completeness check
		task("p4", "checkCompleteness", 0, 3, "deleted");

		decision("APPROVE", "2026-01-10T03:00:00Z");
		decision("REJECT", "2026-01-20T03:00:00Z");
		decision("REJECT", "2026-01-31T20:00:00Z");
		decision("APPROVE_WITH_CONDITIONS", "2026-03-05T03:00:00Z");
	}

	private int counter;

	private UUID application(String status, String stage, Instant submitted) {
		UUID id = UUID.randomUUID();
		counter++;
		jdbc.update("""
				INSERT INTO app.application (id, reference, organisation_id, status, stage, content, issuer_name,
				    jurisdiction, token_name, token_symbol, pegged_currency, created_by, created_at, updated_at,
				    submitted_at, version)
				VALUES (?, ?, ?, ?, ?, '{}'::jsonb, 'Statistics Issuer', 'US', 'Statistics Token', 'ST', 'USD',
				        'statistics', ?, ?, ?, 0)
				""", id, "EQ-2096-" + String.format("%06d", counter),
				organisations.findByName("Example Trust Company, LLC").orElseThrow(), status, stage,
				Timestamp.from(submitted), Timestamp.from(submitted), Timestamp.from(submitted));
		return id;
	}

	private void task(String processInstance, String taskKey, int startDay, Integer endDay, String deleteReason) {
		Instant start = T0.plus(Duration.ofDays(startDay));
		Instant end = endDay == null ? null : T0.plus(Duration.ofDays(endDay));
		jdbc.update("""
				INSERT INTO public.act_hi_taskinst (id_, proc_def_key_, proc_inst_id_, task_def_key_, start_time_,
				    end_time_, duration_, delete_reason_)
				VALUES (?, 'equivalence-application', ?, ?, ?, ?, ?, ?)
				""", UUID.randomUUID().toString(), "statistics-" + processInstance, taskKey, Timestamp.from(start),
				end == null ? null : Timestamp.from(end), end == null ? null : Duration.between(start, end).toMillis(),
				deleteReason);
	}

	private void decision(String outcome, String at) {
		UUID id = application("REJECT".equals(outcome) ? "REJECTED" : "APPROVED", "CLOSED",
				Instant.parse(at).minus(Duration.ofDays(60)));
		jdbc.update("""
				INSERT INTO app.decision (application_id, outcome, reasons, decided_by, decided_at, record_sha256)
				VALUES (?, ?, 'statistics', 'decision', ?, repeat('0', 64))
				""", id, outcome, Timestamp.from(Instant.parse(at)));
	}

}
