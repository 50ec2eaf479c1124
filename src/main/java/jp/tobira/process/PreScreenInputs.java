package jp.tobira.process;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import jp.tobira.application.Application;
import jp.tobira.application.Applications;
import jp.tobira.checks.AutomaticChecks;
import jp.tobira.checks.PreScreenEvaluation;
import jp.tobira.checks.PreScreenEvaluations;

/**
 * Runs the automatic checks as of the submission date, stores what they measured
 * (completed with the table's rules by {@code reviewSteps.preScreened}), and hands the
 * pre-screen table one yes/no per check. A delegate because it sets several variables;
 * the measuring and the record are the checks feature's.
 */
@Component("preScreenInputs")
class PreScreenInputs implements JavaDelegate {

	private static final Map<String, String> VARIABLES = Map.of(AutomaticChecks.RESERVE_COVERAGE,
			"reserveCoveragePassed", AutomaticChecks.ASSET_ELIGIBILITY, "assetEligibilityPassed",
			AutomaticChecks.ATTESTATION_AGE, "attestationAgePassed", AutomaticChecks.AUDIT_AGE, "auditAgePassed",
			AutomaticChecks.REDEMPTION, "redemptionPassed", AutomaticChecks.SEGREGATION, "segregationPassed");

	private final Applications applications;

	private final PreScreenEvaluations evaluations;

	private final Clock clock;

	PreScreenInputs(Applications applications, PreScreenEvaluations evaluations, Clock clock) {
		this.applications = applications;
		this.evaluations = evaluations;
		this.clock = clock;
	}

	@Override
	public void execute(DelegateExecution execution) {
		Application application = applications
			.findById(ProcessGateway.idOf((String) execution.getVariable(ApplicationProcess.Variables.APPLICATION_ID)))
			.orElseThrow();
		LocalDate submitted = LocalDate.ofInstant(application.submittedAt(), clock.getZone());
		PreScreenEvaluation evaluation = evaluations.measurePreScreen(application.id(), application.content(),
				submitted);
		variables(evaluation).forEach(execution::setVariable);
	}

	/** One yes/no per check, under the names the pre-screen table reads. */
	static Map<String, Object> variables(PreScreenEvaluation evaluation) {
		Map<String, Object> variables = new java.util.HashMap<>();
		VARIABLES.forEach((check, variable) -> variables.put(variable,
				evaluation.checks().stream().anyMatch(result -> result.code().equals(check) && result.passed())));
		return variables;
	}

}
