package jp.tobira.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.model.dmn.HitPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import jp.tobira.decision.Outcome;

/**
 * {@code bpmn/recommendation.dmn} as shipped, rule by rule, and the order in which the
 * first matching rule wins (hit policy FIRST): not equivalent, then refused, then under
 * assessment (no approval may pass the legal gates while the framework is not equivalent,
 * so conditions cannot cure it), then backing concerns, else approve.
 */
class RecommendationTableTests {

	static final ShippedDecisionTable TABLE = new ShippedDecisionTable("bpmn/recommendation.dmn", "recommendation");

	@Test
	void takesTheFirstMatchingRule() {
		assertThat(TABLE.hitPolicy()).isEqualTo(HitPolicy.FIRST);
	}

	@Test
	void readsTheVariablesTheBranchesSet() {
		assertThat(TABLE.inputExpressions()).containsExactly("jurisdictionStatus", "cooperationOutcome",
				"backingOutcome");
		assertThat(TABLE.outputNames()).containsExactly("recommendation", "rule", "rationale");
	}

	@Test
	void hasExactlyTheRulesTestedHere() {
		assertThat(TABLE.ruleIds()).containsExactly("recommendation-rule-1", "recommendation-rule-2",
				"recommendation-rule-4", "recommendation-rule-3", "recommendation-rule-5");
	}

	@Test
	void recommendsRejectionForAFrameworkNotEquivalent() {
		var result = evaluate("NOT_EQUIVALENT", "NOT_EQUIVALENT", "SATISFACTORY");

		assertThat(result.ruleIds()).containsExactly("recommendation-rule-1");
		assertThat(result.single()).containsEntry("recommendation", "REJECT")
			.containsEntry("rule", "RC-1 not equivalent")
			.containsEntry("rationale", "The home framework is not equivalent to the Japanese framework.");
	}

	@Test
	void recommendsRejectionWhenTheHomeRegulatorRefused() {
		var result = evaluate("EQUIVALENT", "REFUSED", "SATISFACTORY");

		assertThat(result.ruleIds()).containsExactly("recommendation-rule-2");
		assertThat(result.single()).containsEntry("recommendation", "REJECT")
			.containsEntry("rule", "RC-2 no information sharing")
			.containsEntry("rationale", "The home regulator refused to confirm information sharing.");
	}

	@Test
	void recommendsConditionsWhenTheBackingReviewHasConcerns() {
		var result = evaluate("EQUIVALENT", "CONFIRMED", "CONCERNS");

		assertThat(result.ruleIds()).containsExactly("recommendation-rule-3");
		assertThat(result.single()).containsEntry("recommendation", "APPROVE_WITH_CONDITIONS")
			.containsEntry("rule", "RC-3 backing concerns")
			.containsEntry("rationale", "The backing review found concerns that conditions should remedy.");
	}

	@Test
	void recommendsRejectionForAFrameworkUnderAssessment() {
		var result = evaluate("UNDER_ASSESSMENT", "CONFIRMED", "SATISFACTORY");

		assertThat(result.ruleIds()).containsExactly("recommendation-rule-4");
		assertThat(result.single()).containsEntry("recommendation", "REJECT")
			.containsEntry("rule", "RC-4 under assessment")
			.containsEntry("rationale",
					"The home framework is still under assessment: it must be judged equivalent before any approval.");
	}

	@Test
	void recommendsApprovalWhenEverythingIsInOrder() {
		var result = evaluate("EQUIVALENT", "CONFIRMED", "SATISFACTORY");

		assertThat(result.ruleIds()).containsExactly("recommendation-rule-5");
		assertThat(result.single()).containsEntry("recommendation", "APPROVE")
			.containsEntry("rule", "RC-5 in order")
			.containsEntry("rationale", "Backing satisfactory and information sharing confirmed.");
	}

	@ParameterizedTest(name = "{0} / {1} / {2} -> {3}")
	@CsvSource({ "NOT_EQUIVALENT,   REFUSED,   CONCERNS,     recommendation-rule-1",
			"NOT_EQUIVALENT,   CONFIRMED, CONCERNS,     recommendation-rule-1",
			"UNDER_ASSESSMENT, REFUSED,   CONCERNS,     recommendation-rule-2",
			"EQUIVALENT,       REFUSED,   CONCERNS,     recommendation-rule-2",
			"UNDER_ASSESSMENT, CONFIRMED, CONCERNS,     recommendation-rule-4",
			"EQUIVALENT,       CONFIRMED, CONCERNS,     recommendation-rule-3" })
	void letsTheEarlierRuleWin(String jurisdiction, String cooperation, String backing, String ruleId) {
		assertThat(evaluate(jurisdiction, cooperation, backing).ruleIds()).containsExactly(ruleId);
	}

	@Test
	void recommendsOnlyOutcomesTheDecisionMakerCanChoose() {
		var recommended = java.util.stream.Stream.of(evaluate("NOT_EQUIVALENT", "NOT_EQUIVALENT", "SATISFACTORY"),
				evaluate("EQUIVALENT", "CONFIRMED", "CONCERNS"), evaluate("EQUIVALENT", "CONFIRMED", "SATISFACTORY"))
			.map(result -> (String) result.single().get("recommendation"))
			.toList();

		assertThat(recommended)
			.containsExactlyInAnyOrderElementsOf(Arrays.stream(Outcome.values()).map(Outcome::name).toList());
	}

	private static ShippedDecisionTable.Evaluation evaluate(String jurisdiction, String cooperation, String backing) {
		Map<String, Object> inputs = new HashMap<>();
		inputs.put("jurisdictionStatus", jurisdiction);
		inputs.put("cooperationOutcome", cooperation);
		inputs.put("backingOutcome", backing);
		return TABLE.evaluate(inputs);
	}

}
