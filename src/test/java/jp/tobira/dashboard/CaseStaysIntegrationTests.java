package jp.tobira.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.tobira.Fixtures;
import jp.tobira.TobiraIntegrationTest;
import jp.tobira.api.ApiClient;
import jp.tobira.cooperation.EquivalenceStatus;
import jp.tobira.cooperation.Jurisdictions;

/**
 * When each case entered its stages ({@code app.case_stay}, V31) is what the engine's
 * task history says, kept as the engine writes it: a case carried from submission to its
 * decision through the API, compared after every task with the stages read from the
 * history itself, as the dashboard read them before (the oracle).
 */
@TobiraIntegrationTest
class CaseStaysIntegrationTests {

	/** The stages of one process as the engine's task history has them. */
	private static final String FROM_THE_HISTORY = """
			SELECT concat_ws('|', min(start_time_) FILTER (WHERE task_def_key_ = 'checkCompleteness'),
			       min(start_time_) FILTER (WHERE coalesce(task_def_key_, '') NOT IN ('checkCompleteness', 'decide')),
			       min(start_time_) FILTER (WHERE task_def_key_ = 'decide'),
			       max(end_time_) FILTER (WHERE task_def_key_ = 'decide' AND delete_reason_ = 'completed'))
			FROM public.act_hi_taskinst WHERE proc_def_key_ = 'equivalence-application' AND proc_inst_id_ = ?
			""";

	private static final String KEPT = """
			SELECT concat_ws('|', completeness, review, decision, decided) FROM app.case_stay WHERE proc_inst_id_ = ?
			""";

	@Autowired
	TestRestTemplate rest;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Jurisdictions jurisdictions;

	@Test
	void keepsEachStageAsTheEngineWritesItsTaskHistoryFromSubmissionToDecision() {
		jurisdictions.set("admin", Fixtures.EQUIVALENT_HOME, "Switzerland", EquivalenceStatus.EQUIVALENT,
				Fixtures.DETERMINED_ON, Fixtures.DETERMINATION, "test");
		ApiClient.approvedCanonical(rest, Fixtures.EQUIVALENT_HOME, (submitted, step) -> {
			String process = jdbc.sql("SELECT process_instance_id FROM app.application WHERE id = ?::uuid")
				.param(submitted.id())
				.query(String.class)
				.single();
			switch (step) {
				case "submitted" -> assertThat(stages(process)).as("the completeness check started")
					.startsWith("2")
					.doesNotContain("|");
				case "checkCompleteness" ->
					assertThat(stages(process).split("\\|")).as("the review started").hasSize(2);
				case "recordHomeReply" ->
					assertThat(stages(process).split("\\|")).as("the decision started").hasSize(3);
				case "decide" -> assertThat(stages(process).split("\\|")).as("decided").hasSize(4);
				default -> {
					return;
				}
			}
			assertKeptAsTheHistorySays(process);
		});
	}

	private String stages(String process) {
		return jdbc.sql(KEPT).param(process).query(String.class).optional().orElse("");
	}

	private void assertKeptAsTheHistorySays(String process) {
		assertThat(stages(process)).isEqualTo(jdbc.sql(FROM_THE_HISTORY).param(process).query(String.class).single());
	}

}
