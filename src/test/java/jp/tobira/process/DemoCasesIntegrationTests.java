package jp.tobira.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.tobira.TobiraIntegrationTest;

/** The demo set shows every stage, through the real services, so a newcomer finds a living system. */
@TobiraIntegrationTest
class DemoCasesIntegrationTests {

	@Autowired
	DemoCases demoCases;

	@Autowired
	JdbcClient jdbc;

	@Test
	void createsOneCaseInEachStage() {
		String since = jdbc.sql("SELECT coalesce(max(created_at), now() - interval '1 day') FROM app.application")
			.query(java.sql.Timestamp.class).single().toString();
		demoCases.create();

		List<Map<String, Object>> cases = jdbc.sql("""
				SELECT a.token_symbol, a.status, a.escalated_at IS NOT NULL AS escalated,
				       (SELECT string_agg(t.task_def_key_, ',' ORDER BY t.task_def_key_) FROM public.act_ru_task t
				        WHERE t.proc_inst_id_ = a.process_instance_id) AS tasks
				FROM app.application a WHERE a.created_at > ?::timestamptz ORDER BY a.created_at
				""").param(since).query().listOfRows();

		assertThat(cases).extracting(row -> row.get("token_symbol") + " " + row.get("status") + " " + row.get("tasks")
				+ (Boolean.TRUE.equals(row.get("escalated")) ? " escalated" : ""))
			.containsExactly("EXJ DRAFT null", "EXE SUBMITTED checkCompleteness", "EXP AWAITING_ISSUER null",
					"LSD IN_REVIEW requestHomeConfirmation,reviewBacking", "EXF IN_REVIEW recordHomeReply",
					"HBD IN_REVIEW recordHomeReply escalated", "EXDP IN_REVIEW decide", "EXD APPROVED null",
					"ISD REJECTED null");
	}

	@Test
	void usesTheCanonicalApplicationOfTheSharedExamples() throws Exception {
		String shipped = new String(new org.springframework.core.io.ClassPathResource("demo/application.json")
			.getInputStream()
			.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		assertThat(shipped).isEqualTo(jp.tobira.Fixtures.exampleJson());
	}
}
