package jp.tobira.process;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

	/**
	 * The table's input for each check, in the order of {@link AutomaticChecks#CHECKS}.
	 */
	static final Map<String, String> VARIABLES = variables();

	private static Map<String, String> variables() {
		Map<String, String> variables = new LinkedHashMap<>();
		variables.put(AutomaticChecks.RESERVE_COVERAGE, "reserveCoveragePassed");
		variables.put(AutomaticChecks.ASSET_ELIGIBILITY, "assetEligibilityPassed");
		variables.put(AutomaticChecks.ATTESTATION_AGE, "attestationAgePassed");
		variables.put(AutomaticChecks.AUDIT_AGE, "auditAgePassed");
		variables.put(AutomaticChecks.REDEMPTION, "redemptionPassed");
		variables.put(AutomaticChecks.SEGREGATION, "segregationPassed");
		variables.put(AutomaticChecks.RESERVE_CURRENCY, "reserveCurrencyPassed");
		variables.put(AutomaticChecks.LIQUID_SHARE, "liquidSharePassed");
		variables.put(AutomaticChecks.GOVERNMENT_PAPER_TERM, "governmentPaperTermPassed");
		variables.put(AutomaticChecks.CUSTODIAN_CONCENTRATION, "custodianConcentrationPassed");
		variables.put(AutomaticChecks.RECOGNISED_AUDITOR, "recognisedAuditorPassed");
		return java.util.Collections.unmodifiableMap(variables);
	}

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

	/**
	 * One yes/no per check, under the names the pre-screen table reads. A check that ran
	 * but could not be measured is no (missing data is never fine), so its rule fires. A
	 * check the rulebook version switched off did not run: it is handed as {@code null},
	 * which none of the table's {@code false} entries matches, so a criterion not in
	 * force never raises a flag.
	 */
	static Map<String, Object> variables(PreScreenEvaluation evaluation) {
		Map<String, Object> variables = new HashMap<>();
		VARIABLES.forEach((check, variable) -> variables.put(variable,
				evaluation.checks()
					.stream()
					.filter(result -> result.code().equals(check))
					.findFirst()
					.map(PreScreenEvaluation.Check::passed)
					.orElse(null)));
		return variables;
	}

}
