package jp.tobira.process;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import jp.tobira.checks.CaseFlags;
import jp.tobira.checks.PreScreenEvaluations;

/**
 * Records the pre-screen's result: the flags and the rules that raised them, for every
 * screen to explain, and the evaluation behind them (measured by {@code preScreenInputs}
 * in this transaction), audited.
 */
@Component("reviewSteps")
public class ReviewSteps {

	private final CaseFlags flags;

	private final PreScreenEvaluations evaluations;

	ReviewSteps(CaseFlags flags, PreScreenEvaluations evaluations) {
		this.flags = flags;
		this.evaluations = evaluations;
	}

	public void preScreened(String applicationId, List<Map<String, Object>> fired) {
		evaluations.completePreScreen(ProcessGateway.idOf(applicationId), fired);
		flags.raise(ProcessGateway.idOf(applicationId), fired);
	}

}
