package jp.tobira.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.reset;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import jp.tobira.TobiraIntegrationTest;
import jp.tobira.api.ApiClient;

/**
 * The supervisor raises a threshold after a case was pre-screened: the case still shows
 * what was evaluated then, against the threshold then in force, while today's run (the
 * one the task screen offers beside it) measures against the new one. The thresholds are
 * configuration, so the test changes what the running application reads, as a restart
 * with a new value would.
 */
@TobiraIntegrationTest
class ThresholdChangeIntegrationTests {

	/** On this day the canonical application's ages pass. */
	static final Instant TODAY = Instant.parse("2026-11-25T01:00:00Z");

	@Autowired
	TestRestTemplate rest;

	@MockitoSpyBean
	ChecksProperties limits;

	@Autowired
	AutomaticChecks checks;

	@BeforeEach
	void pinTheClock() {
		ClockUtil.setCurrentTime(Date.from(TODAY));
	}

	@AfterEach
	void release() {
		ClockUtil.reset();
		reset(limits);
	}

	@Test
	void showsTheCoverageAsEvaluatedUnderTheThresholdInForceAtThePreScreen() {
		ApiClient issuer = new ApiClient(rest, "issuer");
		ApiClient intake = new ApiClient(rest, "intake");
		ApiClient.Case submitted = issuer.submitCanonical();
		assertThat(intake.complete(intake.taskId(submitted.reference(), "checkCompleteness"), "{\"complete\": true}")
			.status()).isEqualTo(200);
		String path = "/api/v1/applications/" + submitted.id();
		JsonNode stored = issuer.get(path).json().get("preScreen");
		assertThat(coverage(stored).get("result").asText()).isEqualTo("PASSED");
		assertThat(coverage(stored).get("threshold").asText()).isEqualTo("≥ 1.00");

		// the minimum coverage ratio goes up to 1.05: the canonical 1.01 no longer passes
		// today
		doReturn(new BigDecimal("1.05")).when(limits).minCoverageRatio();
		assertThat(checks.run(Fixtures.content(), TODAY.atZone(java.time.ZoneId.of("Asia/Tokyo")).toLocalDate())
			.result(AutomaticChecks.RESERVE_COVERAGE)
			.flag()).isEqualTo(Flag.UNDER_BACKED);

		JsonNode after = issuer.get(path).json();
		assertThat(after.get("preScreen")).as("the stored pre-screen, not a recomputation").isEqualTo(stored);
		assertThat(coverage(after.get("preScreen")).get("threshold").asText()).isEqualTo("≥ 1.00");
		assertThat(after.get("flags").toString()).doesNotContain("UNDER_BACKED");
		assertThat(after.at("/preScreen/configuration/thresholds").get("tobira.checks.min-coverage-ratio").asText())
			.isEqualTo("1.00");
	}

	private static JsonNode coverage(JsonNode preScreen) {
		for (JsonNode check : preScreen.get("checks")) {
			if (check.get("code").asText().equals(AutomaticChecks.RESERVE_COVERAGE)) {
				return check;
			}
		}
		throw new AssertionError("no coverage check in " + preScreen);
	}

	/** The canonical application's content, as the checks read it. */
	private static final class Fixtures {

		static jp.tobira.application.ApplicationContent content() {
			return jp.tobira.Fixtures.JSON.convertValue(jp.tobira.Fixtures.example(),
					jp.tobira.application.ApplicationContent.class);
		}

	}

}
