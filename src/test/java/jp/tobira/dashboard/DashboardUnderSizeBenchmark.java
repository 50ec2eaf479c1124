package jp.tobira.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.Arrays;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.WebApplicationContext;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import jp.tobira.Fixtures;
import jp.tobira.TobiraIntegrationTest;
import jp.tobira.security.Organisations;

/**
 * The dashboard alone at 100,000 open cases (issue 15), quicker than the whole reading
 * harness: the cases are written in SQL and committed (the canonical application's data,
 * the bench's mix of stages and statuses, one in twenty with an open request for
 * information, each with an open task of the application's process definition and the
 * task history of the stages it has been through), the tables vacuumed and analysed as
 * autovacuum would leave them, then {@code GET /dashboard} is requested as the admin 5
 * times to warm up and 30 times measured, and the percentiles printed. One more run of
 * the figures with {@code auto_explain} on its connection logs each statement's
 * {@code EXPLAIN ANALYZE} (as JdbcTemplate's ignored warnings, at debug). The rows are
 * deleted at the end. {@code -Dbench.history=false} leaves the history out.
 */
@TobiraIntegrationTest
class DashboardUnderSizeBenchmark {

	static final int CASES = Integer.getInteger("bench.dashboard.cases", 100_000);

	static final String PREFIX = "EQ-2093-";

	@Autowired
	CaseStatistics statistics;

	@Autowired
	SupervisionStatistics supervision;

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
	void theDashboardAtAHundredThousandOpenCases() throws Exception {
		boolean history = Boolean.parseBoolean(System.getProperty("bench.history", "true"));
		long before = statistics.figures().openByStage().values().stream().mapToLong(Long::longValue).sum();
		long start = System.nanoTime();
		insert(organisations.findByName("Example Trust Company, LLC").orElseThrow(), history);
		System.out.printf("DASHBOARD UNDER SIZE %,d open cases written%s in %,d ms%n", CASES,
				history ? " with their task history" : "", (System.nanoTime() - start) / 1_000_000);
		try {
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
			UserDetails admin = users.loadUserByUsername("admin");
			for (int i = 0; i < 5; i++) {
				assertThat(mvc.perform(get("/dashboard").with(user(admin))).andReturn().getResponse().getStatus())
					.isEqualTo(200);
			}
			double[] millis = new double[30];
			for (int i = 0; i < millis.length; i++) {
				long at = System.nanoTime();
				int status = mvc.perform(get("/dashboard").with(user(admin))).andReturn().getResponse().getStatus();
				millis[i] = (System.nanoTime() - at) / 1_000_000.0;
				assertThat(status).isEqualTo(200);
			}
			Arrays.sort(millis);
			System.out.printf(
					"DASHBOARD UNDER SIZE GET /dashboard (admin) at %,d open cases: p50 %.1f  p95 %.1f  "
							+ "p99 %.1f  max %.1f ms%n",
					CASES, rank(millis, 50), rank(millis, 95), rank(millis, 99), millis[millis.length - 1]);
			for (int i = 0; i < 5; i++) {
				long at = System.nanoTime();
				statistics.figures();
				long cases = (System.nanoTime() - at) / 1_000;
				at = System.nanoTime();
				supervision.figures();
				System.out.printf("DASHBOARD UNDER SIZE case figures %.1f ms, supervision figures %.1f ms%n",
						cases / 1000.0, (System.nanoTime() - at) / 1_000_000.0);
			}
			explained();
			long after = statistics.figures().openByStage().values().stream().mapToLong(Long::longValue).sum();
			assertThat(after - before).isEqualTo(CASES);
		}
		finally {
			delete();
		}
	}

	/** The figures once more, each statement's plan logged by auto_explain. */
	private void explained() {
		Logger logger = (Logger) LoggerFactory.getLogger("org.springframework.jdbc.core.JdbcTemplate");
		Level level = logger.getLevel();
		logger.setLevel(Level.DEBUG);
		try {
			transactions.executeWithoutResult(tx -> {
				jdbc.execute("LOAD 'auto_explain'");
				jdbc.execute("SET LOCAL auto_explain.log_min_duration = 0");
				jdbc.execute("SET LOCAL auto_explain.log_analyze = on");
				jdbc.execute("SET LOCAL auto_explain.log_buffers = on");
				jdbc.execute("SET LOCAL auto_explain.log_level = notice");
				statistics.figures();
				supervision.figures();
			});
		}
		finally {
			logger.setLevel(level);
		}
	}

	private void insert(UUID organisation, boolean history) {
		String definition = jdbc.queryForObject(
				"SELECT id_ FROM public.act_re_procdef WHERE key_ = 'equivalence-application' ORDER BY version_ DESC "
						+ "LIMIT 1",
				String.class);
		for (int first = 1; first <= CASES; first += 25_000) {
			int last = Math.min(CASES, first + 24_999);
			// stage by i % 5: completeness, review (three), decision; every twentieth
			// waits for the issuer
			jdbc.update(
					"""
							INSERT INTO app.application (id, reference, organisation_id, status, stage, content, issuer_name,
							    jurisdiction, token_name, token_symbol, pegged_currency, created_by, created_at, updated_at,
							    submitted_at, version, process_instance_id)
							SELECT gen_random_uuid(), ? || lpad(i::text, 6, '0'), ?,
							       CASE WHEN i % 20 = 19 THEN 'AWAITING_ISSUER' WHEN i % 5 = 0 THEN 'SUBMITTED' ELSE 'IN_REVIEW' END,
							       (ARRAY['COMPLETENESS_CHECK', 'REVIEW', 'REVIEW', 'REVIEW', 'DECISION'])[1 + i % 5],
							       ?::jsonb, 'Size Issuer ' || i, 'US', 'Size Token ' || i, 'ST' || i, 'USD', 'issuer', now(), now(),
							       now() - (i % 120) * interval '1 day' - (i % 24) * interval '1 hour', 0, 'size-pi-' || i
							FROM generate_series(?, ?) i
							""",
					PREFIX, organisation, Fixtures.exampleJson(), first, last);
			jdbc.update(
					"""
							INSERT INTO public.act_ru_execution (id_, rev_, proc_inst_id_, business_key_, proc_def_id_, is_active_,
							    is_concurrent_, is_scope_, is_event_scope_, suspension_state_)
							SELECT 'size-pi-' || i, 1, 'size-pi-' || i, ? || lpad(i::text, 6, '0'), ?, true, false, true, false, 1
							FROM generate_series(?, ?) i
							""",
					PREFIX, definition, first, last);
			jdbc.update("""
					INSERT INTO public.act_ru_task (id_, rev_, proc_inst_id_, execution_id_, proc_def_id_, name_,
					    task_def_key_, create_time_, suspension_state_, priority_)
					SELECT 'size-task-' || i, 1, 'size-pi-' || i, 'size-pi-' || i, ?, 'Task',
					       (ARRAY['checkCompleteness', 'reviewBacking', 'requestHomeConfirmation', 'recordHomeReply',
					              'decide'])[1 + i % 5], now(), 1, 50
					FROM generate_series(?, ?) i WHERE i % 20 <> 19
					""", definition, first, last);
			jdbc.update("""
					INSERT INTO app.rfi (id, application_id, task_key, missing, message, raised_by, raised_at)
					SELECT gen_random_uuid(), id, 'checkCompleteness', '[]', 'size', 'intake', now() - interval '2 days'
					FROM app.application
					WHERE reference >= ? AND reference <= ? AND right(reference, 6)::int % 20 = 19
					""", PREFIX + String.format("%06d", first), PREFIX + String.format("%06d", last));
			if (history) {
				// the completeness check done for all but those still in it; the review
				// begun (and its first task done) for those in decision; the decision
				// begun for them
				jdbc.update(
						"""
								INSERT INTO public.act_hi_taskinst (id_, proc_def_key_, proc_inst_id_, task_def_key_, start_time_,
								    end_time_, duration_, delete_reason_)
								SELECT 'size-hi-' || k || '-' || i, 'equivalence-application', 'size-pi-' || i, k,
								       now() - (i % 120 + 30 - s) * interval '1 day',
								       CASE WHEN s < 2 THEN now() - (i % 120 + 30 - s - 3) * interval '1 day' END,
								       CASE WHEN s < 2 THEN 3 * 86400000 END, CASE WHEN s < 2 THEN 'completed' END
								FROM generate_series(?, ?) i,
								     LATERAL (VALUES (0, 'checkCompleteness'), (1, 'reviewBacking'), (2, 'decide')) AS step(s, k)
								WHERE i % 5 <> 0 AND (s = 0 OR (i % 5 = 4 AND s <= 2) OR (s = 1 AND i % 5 IN (1, 2, 3)))
								""",
						first, last);
			}
		}
		jdbc.execute("VACUUM ANALYZE app.application");
		jdbc.execute("VACUUM ANALYZE app.rfi");
		jdbc.execute("VACUUM ANALYZE public.act_ru_task");
		jdbc.execute("VACUUM ANALYZE public.act_ru_execution");
		jdbc.execute("VACUUM ANALYZE public.act_hi_taskinst");
	}

	private void delete() {
		jdbc.update("DELETE FROM public.act_hi_taskinst WHERE id_ LIKE 'size-hi-%'");
		jdbc.update("DELETE FROM public.act_ru_task WHERE id_ LIKE 'size-task-%'");
		jdbc.update("DELETE FROM public.act_ru_execution WHERE id_ LIKE 'size-pi-%'");
		jdbc.update(
				"DELETE FROM app.rfi WHERE application_id IN (SELECT id FROM app.application WHERE reference LIKE ?)",
				PREFIX + "%");
		jdbc.update("DELETE FROM app.application WHERE reference LIKE ?", PREFIX + "%");
	}

	private static double rank(double[] sorted, int percentile) {
		int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
		return Math.round(sorted[Math.max(0, Math.min(sorted.length - 1, index))] * 10) / 10.0;
	}

}
