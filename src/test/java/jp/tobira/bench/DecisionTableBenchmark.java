package jp.tobira.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.engine.DecisionService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import jp.tobira.TobiraIntegrationTest;

/**
 * The cost of one evaluation of the pre-screen table (the widest of the three, twelve
 * inputs and thirteen rules) through the engine, its history written as in a case, run by
 * {@code ./mvnw -Pbench verify} alone: {@code -Dbench.decisions} evaluations a round
 * (default 2,000), four rounds, the first a warm-up. What the FEEL engine's version costs
 * each rule of every decision table (BENCHMARKS.md, "The FEEL engine's root context").
 */
@TobiraIntegrationTest
class DecisionTableBenchmark {

	@Autowired
	DecisionService decisions;

	@Test
	void preScreenEvaluation() {
		Map<String, Object> inputs = new HashMap<>();
		for (String check : new String[] { "reserveCoverage", "assetEligibility", "attestationAge", "auditAge",
				"redemption", "segregation", "reserveCurrency", "liquidShare", "governmentPaperTerm",
				"custodianConcentration", "recognisedAuditor" }) {
			inputs.put(check + "Passed", true);
		}
		inputs.put("jurisdictionStatus", "EQUIVALENT");
		int evaluations = Integer.getInteger("bench.decisions", 2000);
		for (int round = 0; round < 4; round++) {
			long start = System.nanoTime();
			for (int i = 0; i < evaluations; i++) {
				DmnDecisionTableResult flags = decisions.evaluateDecisionTableByKey("pre-screen")
					.variables(inputs)
					.evaluate();
				// every check passed, an equivalent home: no flag
				assertThat(flags.getResultList()).isEmpty();
			}
			System.out.printf("BENCH pre-screen table, %s %d: %.0f us per evaluation over %,d%n",
					round == 0 ? "warm-up" : "round", round, (System.nanoTime() - start) / 1e3 / evaluations,
					evaluations);
		}
	}

}
