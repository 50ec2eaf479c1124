package jp.tobira.process;

import java.util.Arrays;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import jp.tobira.application.ApplicationId;
import jp.tobira.decision.LegalGates;
import jp.tobira.decision.Outcome;

/**
 * The legal gates, enforced by the engine on the decision task's completion
 * ({@code ${legalGatesRule}}): an approval is refused unless every gate holds at this
 * moment, whatever door it came through (API, screen, Cockpit or {@code TaskService}
 * directly), and the refusal rolls the completion back with the decision and its audit
 * entry. The outcome is read from the variable the completion sets, which the engine has
 * written before it calls the listener; a rejection always passes.
 */
@Component("legalGatesRule")
class LegalGatesRule implements TaskListener {

	private final LegalGates gates;

	LegalGatesRule(LegalGates gates) {
		this.gates = gates;
	}

	@Override
	public void notify(DelegateTask task) {
		Object decision = task.getVariable(ApplicationProcess.Variables.DECISION);
		Outcome outcome = Arrays.stream(Outcome.values())
			.filter(candidate -> candidate.name().equals(String.valueOf(decision)))
			.findFirst()
			.orElse(null);
		if (outcome == null) {
			// no outcome is no approval; the decision gateway refuses what it cannot
			// route
			return;
		}
		gates.requireFor(
				ApplicationId.of(String.valueOf(task.getVariable(ApplicationProcess.Variables.APPLICATION_ID))),
				outcome);
	}

}
