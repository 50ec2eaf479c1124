package jp.tobira.cooperation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import jp.tobira.Fixtures;
import jp.tobira.TobiraIntegrationTest;
import jp.tobira.validation.FieldProblem;
import jp.tobira.validation.InvalidInput;

/**
 * The determination behind a jurisdiction's status (issue 10): a definitive status is
 * refused without its date and reference, naming the field, with nothing stored; the date
 * is a Tokyo day, never after today; every change is a row of the append-only history and
 * its audit entry says the determination before and after. Each test judges a
 * jurisdiction no other test judges.
 */
@TobiraIntegrationTest
class JurisdictionDeterminationsIntegrationTests {

	@Autowired
	Jurisdictions jurisdictions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	WebApplicationContext context;

	@AfterEach
	void releaseTheClock() {
		ClockUtil.reset();
	}

	@Test
	void refusesADefinitiveStatusWithoutItsDeterminationOnTheScreenNamingTheFieldAndStoresNothing() throws Exception {
		MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
		long history = historyRows();
		long audit = auditEntries();

		MvcResult noDate = mvc
			.perform(post("/admin/jurisdictions").with(httpBasic("admin", "demo"))
				.with(csrf())
				.param("code", "MT")
				.param("name", "Malta")
				.param("status", "EQUIVALENT")
				.param("determinationReference", "FSA determination 2026-0101")
				.param("lang", "en"))
			.andReturn();
		assertThat(noDate.getResponse().getStatus()).isEqualTo(400);
		assertThat(noDate.getResponse().getContentAsString()).contains("id=\"j-determinedOn-error\"",
				"an equivalent or not-equivalent status rests on a determination",
				"value=\"FSA determination 2026-0101\"");

		MvcResult noReference = mvc
			.perform(post("/admin/jurisdictions").with(httpBasic("admin", "demo"))
				.with(csrf())
				.param("code", "MT")
				.param("name", "Malta")
				.param("status", "NOT_EQUIVALENT")
				.param("determinedOn", "2026-01-05")
				.param("determinationReference", "  ")
				.param("lang", "en"))
			.andReturn();
		assertThat(noReference.getResponse().getStatus()).isEqualTo(400);
		assertThat(noReference.getResponse().getContentAsString()).contains("id=\"j-determinationReference-error\"",
				"value=\"2026-01-05\"");

		assertThat(jurisdictions.find("MT")).as("no row").isEmpty();
		assertThat(historyRows()).as("no history").isEqualTo(history);
		assertThat(auditEntries()).as("nothing audited").isEqualTo(audit);
	}

	@Test
	void namesTheFieldOfEachMissingOrWrongPartOfTheDetermination() {
		assertThat(refusal(() -> jurisdictions.set("admin", "CY", "Cyprus", EquivalenceStatus.NOT_EQUIVALENT, null,
				"FSA determination 2026-0101", "test")))
			.extracting(FieldProblem::field)
			.isEqualTo("determinedOn");
		assertThat(refusal(() -> jurisdictions.set("admin", "CY", "Cyprus", EquivalenceStatus.EQUIVALENT,
				Fixtures.DETERMINED_ON, null, "test")))
			.extracting(FieldProblem::field)
			.isEqualTo("determinationReference");
		assertThat(refusal(() -> jurisdictions.set("admin", "CY", "Cyprus", EquivalenceStatus.EQUIVALENT,
				Fixtures.DETERMINED_ON, "x".repeat(201), "test")))
			.extracting(FieldProblem::field, FieldProblem::message)
			.containsExactly("determinationReference", "must be at most 200 characters");
		assertThat(jurisdictions.find("CY")).isEmpty();

		// under assessment rests on no determination, and may still name one
		assertThat(jurisdictions.set("admin", "CY", "Cyprus", EquivalenceStatus.UNDER_ASSESSMENT, null, null, "test"))
			.extracting(Jurisdiction::determinedOn, Jurisdiction::determinationReference)
			.containsExactly(null, null);
	}

	@Test
	void takesTheDeterminationDayAsTokyosDayAndRefusesOneAfterIt() {
		// 15:30 UTC on 25 November is already 00:30 on 26 November in Tokyo
		ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-25T15:30:00Z")));

		assertThat(refusal(() -> jurisdictions.set("admin", "IS", "Iceland", EquivalenceStatus.EQUIVALENT,
				LocalDate.of(2026, 11, 27), "FSA determination 2026-0300", "test")))
			.extracting(FieldProblem::field, FieldProblem::message)
			.containsExactly("determinedOn", "must not be in the future");
		assertThat(jurisdictions.find("IS")).isEmpty();

		Jurisdiction judged = jurisdictions.set("admin", "IS", "Iceland", EquivalenceStatus.EQUIVALENT,
				LocalDate.of(2026, 11, 26), "FSA determination 2026-0300", "test");
		assertThat(judged.determinedOn()).isEqualTo(LocalDate.of(2026, 11, 26));
		assertThat(judged.determinationReference()).isEqualTo("FSA determination 2026-0300");
	}

	@Test
	void keepsEveryChangeInTheHistoryNewestFirstAndAuditsTheDeterminationBeforeAndAfter() throws Exception {
		jurisdictions.set("admin", "EE", "Estonia", EquivalenceStatus.UNDER_ASSESSMENT, null, null, "first look");
		jurisdictions.set("admin2", "EE", "Estonia", EquivalenceStatus.NOT_EQUIVALENT, LocalDate.of(2026, 2, 2),
				"FSA determination 2026-0202", "judged");
		jurisdictions.set("admin", "EE", "Estonia", EquivalenceStatus.EQUIVALENT, LocalDate.of(2026, 3, 3),
				" FSA determination 2026-0303 ", "judged again");

		assertThat(jurisdictions.historyOf("EE"))
			.extracting(JurisdictionChange::status, JurisdictionChange::determinedOn,
					JurisdictionChange::determinationReference, JurisdictionChange::note, JurisdictionChange::changedBy)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple(EquivalenceStatus.EQUIVALENT, LocalDate.of(2026, 3, 3),
							"FSA determination 2026-0303", "judged again", "admin"),
					org.assertj.core.groups.Tuple.tuple(EquivalenceStatus.NOT_EQUIVALENT, LocalDate.of(2026, 2, 2),
							"FSA determination 2026-0202", "judged", "admin2"),
					org.assertj.core.groups.Tuple.tuple(EquivalenceStatus.UNDER_ASSESSMENT, null, null, "first look",
							"admin"));
		assertThat(jurisdictions.find("EE").orElseThrow().determinationReference())
			.isEqualTo("FSA determination 2026-0303");

		String payload = jdbc.sql("""
				SELECT payload FROM app.audit_entry WHERE kind = 'CONFIGURATION_CHANGED'
				    AND payload::jsonb ->> 'table' = 'jurisdiction' AND payload::jsonb ->> 'code' = 'EE'
				ORDER BY id DESC LIMIT 1
				""").query(String.class).single();
		JsonNode entry = Fixtures.JSON.readTree(payload);
		assertThat(entry.at("/before/status").asText()).isEqualTo("NOT_EQUIVALENT");
		assertThat(entry.at("/before/determinedOn").asText()).isEqualTo("2026-02-02");
		assertThat(entry.at("/before/reference").asText()).isEqualTo("FSA determination 2026-0202");
		assertThat(entry.at("/after/status").asText()).isEqualTo("EQUIVALENT");
		assertThat(entry.at("/after/determinedOn").asText()).isEqualTo("2026-03-03");
		assertThat(entry.at("/after/reference").asText()).isEqualTo("FSA determination 2026-0303");
	}

	@Test
	void refusesToRewriteOrRemoveTheHistory() {
		jurisdictions.set("admin", "UY", "Uruguay", EquivalenceStatus.NOT_EQUIVALENT, Fixtures.DETERMINED_ON,
				Fixtures.DETERMINATION, "test");

		assertThatThrownBy(
				() -> jdbc.sql("UPDATE app.jurisdiction_history SET status = 'EQUIVALENT' WHERE code = 'UY'").update())
			.isInstanceOf(DataAccessException.class)
			.rootCause()
			.hasMessageContaining("append-only");
		assertThatThrownBy(() -> jdbc.sql("DELETE FROM app.jurisdiction_history WHERE code = 'UY'").update())
			.isInstanceOf(DataAccessException.class)
			.rootCause()
			.hasMessageContaining("append-only");
		assertThatThrownBy(() -> jdbc.sql("TRUNCATE app.jurisdiction_history").update())
			.isInstanceOf(DataAccessException.class)
			.rootCause()
			.hasMessageContaining("append-only");
		assertThat(jurisdictions.historyOf("UY")).extracting(JurisdictionChange::status)
			.containsExactly(EquivalenceStatus.NOT_EQUIVALENT);
	}

	private static FieldProblem refusal(Runnable change) {
		try {
			change.run();
		}
		catch (InvalidInput ex) {
			assertThat(ex.problems()).hasSize(1);
			return ex.problems().get(0);
		}
		throw new AssertionError("the change was not refused");
	}

	private long historyRows() {
		return jdbc.sql("SELECT count(*) FROM app.jurisdiction_history WHERE code = 'MT'").query(Long.class).single();
	}

	private long auditEntries() {
		return jdbc.sql("""
				SELECT count(*) FROM app.audit_entry WHERE kind = 'CONFIGURATION_CHANGED'
				    AND payload::jsonb ->> 'code' = 'MT'
				""").query(Long.class).single();
	}

}
