package jp.tobira.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import jp.tobira.Fixtures;
import jp.tobira.TobiraIntegrationTest;
import jp.tobira.cooperation.EquivalenceStatus;
import jp.tobira.cooperation.Jurisdiction;
import jp.tobira.cooperation.Jurisdictions;

/**
 * The engine's deployed {@code jurisdictions} table answers as the jurisdiction data
 * says, after every change.
 */
@TobiraIntegrationTest
class JurisdictionTableIntegrationTests {

	@Autowired
	ProcessEngine engine;

	@Autowired
	Jurisdictions jurisdictions;

	@Test
	void decidesEveryJurisdictionInTheDatabaseAsTheDataSays() {
		// Liechtenstein: judged by no other test, so changing it disturbs none
		jurisdictions.set("admin", "LI", "Liechtenstein", EquivalenceStatus.NOT_EQUIVALENT, Fixtures.DETERMINED_ON,
				Fixtures.DETERMINATION, "test");
		assertThat(statusOf("LI")).isEqualTo("NOT_EQUIVALENT");
		jurisdictions.set("admin", "LI", "Liechtenstein", EquivalenceStatus.EQUIVALENT, Fixtures.DETERMINED_ON,
				Fixtures.DETERMINATION, "test");
		assertThat(statusOf("LI")).as("after a change").isEqualTo("EQUIVALENT");

		assertThat(jurisdictions.all()).isNotEmpty()
			.allSatisfy(jurisdiction -> assertThat(statusOf(jurisdiction.code())).as(jurisdiction.code())
				.isEqualTo(jurisdiction.status().name()));
		assertThat(jurisdictions.all()).extracting(Jurisdiction::code).doesNotContain("AQ");
		assertThat(statusOf("AQ")).as("not judged").isEqualTo("UNDER_ASSESSMENT");
	}

	private String statusOf(String jurisdiction) {
		return engine.getDecisionService()
			.evaluateDecisionTableByKey(JurisdictionTable.DECISION_KEY)
			.variables(Map.of("jurisdiction", jurisdiction))
			.evaluate()
			.getSingleResult()
			.getSingleEntry();
	}

}
