package jp.tobira.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.model.dmn.HitPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code bpmn/jurisdictions.dmn} as shipped: the starting table, before the start-up
 * regenerates it from the jurisdiction data. Its one rule says every jurisdiction is
 * under assessment until judged; hit policy FIRST, so the regenerated rules for judged
 * jurisdictions, put above it, win.
 */
class ShippedJurisdictionTableTests {

	static final ShippedDecisionTable TABLE = new ShippedDecisionTable("bpmn/jurisdictions.dmn", "jurisdictions");

	@Test
	void takesTheFirstMatchingRule() {
		assertThat(TABLE.hitPolicy()).isEqualTo(HitPolicy.FIRST);
	}

	@Test
	void readsTheJurisdictionTheProcessStartsWith() {
		assertThat(TABLE.inputExpressions()).containsExactly("jurisdiction");
		assertThat(TABLE.outputNames()).containsExactly("status");
	}

	@Test
	void hasExactlyTheRuleTestedHere() {
		assertThat(TABLE.ruleIds()).containsExactly("jurisdictions-rule-1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "US", "SG", "KY", "CH", "JP" })
	void holdsEveryJurisdictionUnderAssessmentUntilJudged(String jurisdiction) {
		var result = TABLE.evaluate(Map.of("jurisdiction", jurisdiction));

		assertThat(result.ruleIds()).containsExactly("jurisdictions-rule-1");
		assertThat(result.single()).containsExactly(Map.entry("status", "UNDER_ASSESSMENT"));
	}

	@Test
	void holdsAnApplicationWithoutAJurisdictionUnderAssessment() {
		Map<String, Object> none = new HashMap<>();
		none.put("jurisdiction", null);

		assertThat(TABLE.evaluate(none).single()).containsExactly(Map.entry("status", "UNDER_ASSESSMENT"));
	}

}
