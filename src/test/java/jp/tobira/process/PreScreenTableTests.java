package jp.tobira.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.model.dmn.HitPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import jp.tobira.checks.Flag;

/**
 * {@code bpmn/pre-screen.dmn} as shipped, rule by rule: every failed check and every
 * jurisdiction status short of equivalent fires its own rule, and only that rule; a case
 * with nothing wrong fires none (hit policy COLLECT).
 */
class PreScreenTableTests {

	static final ShippedDecisionTable TABLE = new ShippedDecisionTable("bpmn/pre-screen.dmn", "pre-screen");

	static final String[] CHECKS = { "reserveCoveragePassed", "assetEligibilityPassed", "attestationAgePassed",
			"auditAgePassed", "redemptionPassed", "segregationPassed", "reserveCurrencyPassed", "liquidSharePassed",
			"governmentPaperTermPassed", "custodianConcentrationPassed", "recognisedAuditorPassed" };

	@Test
	void collectsEveryMatchingRule() {
		assertThat(TABLE.hitPolicy()).isEqualTo(HitPolicy.COLLECT);
	}

	@Test
	void readsTheVariablesThePreScreenInputsSet() {
		assertThat(TABLE.inputExpressions()).containsExactly("reserveCoveragePassed", "assetEligibilityPassed",
				"attestationAgePassed", "auditAgePassed", "redemptionPassed", "segregationPassed", "jurisdictionStatus",
				"reserveCurrencyPassed", "liquidSharePassed", "governmentPaperTermPassed",
				"custodianConcentrationPassed", "recognisedAuditorPassed");
		assertThat(TABLE.inputExpressions()).containsAll(PreScreenInputs.VARIABLES.values());
		assertThat(TABLE.outputNames()).containsExactly("flag", "rule", "advice");
	}

	@Test
	void hasExactlyTheRulesTestedHere() {
		assertThat(TABLE.ruleIds()).containsExactly("pre-screen-rule-1", "pre-screen-rule-2", "pre-screen-rule-3",
				"pre-screen-rule-4", "pre-screen-rule-5", "pre-screen-rule-6", "pre-screen-rule-7", "pre-screen-rule-8",
				"pre-screen-rule-9", "pre-screen-rule-10", "pre-screen-rule-11", "pre-screen-rule-12",
				"pre-screen-rule-13");
	}

	@Test
	void raisesNoFlagWhenEveryCheckPassedAndTheFrameworkIsEquivalent() {
		var evaluation = TABLE.evaluate(inputs("EQUIVALENT"));

		assertThat(evaluation.ruleIds()).isEmpty();
		assertThat(evaluation.rows()).isEmpty();
	}

	@ParameterizedTest(name = "{0} failed fires {1}")
	@CsvSource({ "reserveCoveragePassed,  pre-screen-rule-1, UNDER_BACKED,      PS-1 reserve coverage",
			"assetEligibilityPassed, pre-screen-rule-2, INELIGIBLE_ASSETS, PS-2 asset eligibility",
			"attestationAgePassed,   pre-screen-rule-3, STALE_ATTESTATION, PS-3 attestation age",
			"auditAgePassed,         pre-screen-rule-4, STALE_AUDIT,       PS-4 audit age",
			"redemptionPassed,       pre-screen-rule-5, SLOW_REDEMPTION,   PS-5 redemption",
			"segregationPassed,      pre-screen-rule-6, NOT_SEGREGATED,    PS-6 segregation",
			"reserveCurrencyPassed,  pre-screen-rule-9, RESERVE_CURRENCY_MISMATCH, PS-9 reserve currency",
			"liquidSharePassed,      pre-screen-rule-10, LOW_LIQUID_SHARE, PS-10 liquid share",
			"governmentPaperTermPassed, pre-screen-rule-11, LONG_PAPER_TERM, PS-11 government paper term",
			"custodianConcentrationPassed, pre-screen-rule-12, CUSTODIAN_CONCENTRATION, PS-12 custodian concentration",
			"recognisedAuditorPassed, pre-screen-rule-13, UNRECOGNISED_AUDITOR, PS-13 recognised auditor" })
	void raisesTheFlagOfEachFailedCheckAlone(String failed, String ruleId, String flag, String rule) {
		Map<String, Object> inputs = inputs("EQUIVALENT");
		inputs.put(failed, false);

		var evaluation = TABLE.evaluate(inputs);

		assertThat(evaluation.ruleIds()).containsExactly(ruleId);
		assertThat(evaluation.single()).containsEntry("flag", flag).containsEntry("rule", rule);
		assertThat((String) evaluation.single().get("advice")).isNotBlank();
	}

	/**
	 * A check the rulebook version switched off did not run, and {@link PreScreenInputs}
	 * hands it as null: no rule may read that as a failure.
	 */
	@Test
	void raisesNoFlagForChecksThatDidNotRun() {
		Map<String, Object> inputs = inputs("EQUIVALENT");
		for (String check : CHECKS) {
			inputs.put(check, null);
		}

		var evaluation = TABLE.evaluate(inputs);

		assertThat(evaluation.ruleIds()).isEmpty();
	}

	@Test
	void raisesNotEquivalentForAFrameworkJudgedNotEquivalent() {
		var evaluation = TABLE.evaluate(inputs("NOT_EQUIVALENT"));

		assertThat(evaluation.ruleIds()).containsExactly("pre-screen-rule-7");
		assertThat(evaluation.single()).contains(entry("flag", "NOT_EQUIVALENT"), entry("rule", "PS-7 jurisdiction"),
				entry("advice", "The home framework is not equivalent: the recommendation will be to reject."));
	}

	@Test
	void raisesUnderAssessmentForAFrameworkNotYetJudged() {
		var evaluation = TABLE.evaluate(inputs("UNDER_ASSESSMENT"));

		assertThat(evaluation.ruleIds()).containsExactly("pre-screen-rule-8");
		assertThat(evaluation.single()).contains(entry("flag", "UNDER_ASSESSMENT"), entry("rule", "PS-8 jurisdiction"),
				entry("advice", "The home framework is still under assessment."));
	}

	@Test
	void raisesEveryFlagAtOnceInTheTablesOrder() {
		Map<String, Object> inputs = inputs("NOT_EQUIVALENT");
		for (String check : CHECKS) {
			inputs.put(check, false);
		}

		var evaluation = TABLE.evaluate(inputs);

		assertThat(evaluation.ruleIds()).containsExactly("pre-screen-rule-1", "pre-screen-rule-2", "pre-screen-rule-3",
				"pre-screen-rule-4", "pre-screen-rule-5", "pre-screen-rule-6", "pre-screen-rule-7", "pre-screen-rule-9",
				"pre-screen-rule-10", "pre-screen-rule-11", "pre-screen-rule-12", "pre-screen-rule-13");
		assertThat(evaluation.rows()).extracting(row -> row.get("flag"))
			.containsExactly("UNDER_BACKED", "INELIGIBLE_ASSETS", "STALE_ATTESTATION", "STALE_AUDIT", "SLOW_REDEMPTION",
					"NOT_SEGREGATED", "NOT_EQUIVALENT", "RESERVE_CURRENCY_MISMATCH", "LOW_LIQUID_SHARE",
					"LONG_PAPER_TERM", "CUSTODIAN_CONCENTRATION", "UNRECOGNISED_AUDITOR");
	}

	@Test
	void raisesOnlyFlagsTheApplicationKnows() {
		Map<String, Object> inputs = inputs("UNDER_ASSESSMENT");
		for (String check : CHECKS) {
			inputs.put(check, false);
		}
		var raised = TABLE.evaluate(inputs).rows().stream().map(row -> (String) row.get("flag")).toList();
		raised = new java.util.ArrayList<>(raised);
		raised.add((String) TABLE.evaluate(inputs("NOT_EQUIVALENT")).single().get("flag"));

		assertThat(raised).containsExactlyInAnyOrderElementsOf(Arrays.stream(Flag.values()).map(Flag::name).toList());
	}

	/** Every check passed, the framework as given. */
	private static Map<String, Object> inputs(String jurisdictionStatus) {
		Map<String, Object> inputs = new LinkedHashMap<>();
		for (String check : CHECKS) {
			inputs.put(check, true);
		}
		inputs.put("jurisdictionStatus", jurisdictionStatus);
		return inputs;
	}

}
