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
import jp.tobira.checks.CheckReport;

/**
 * Runs the automatic checks as of the submission date and hands the pre-screen table one yes/no per check. A
 * delegate because it sets several variables; the measuring is the checks service's.
 */
@Component("preScreenInputs")
class PreScreenInputs implements JavaDelegate {

	private static final Map<String, String> VARIABLES = Map.of(AutomaticChecks.RESERVE_COVERAGE,
			"reserveCoveragePassed", AutomaticChecks.ASSET_ELIGIBILITY, "assetEligibilityPassed",
			AutomaticChecks.ATTESTATION_AGE, "attestationAgePassed", AutomaticChecks.AUDIT_AGE, "auditAgePassed",
			AutomaticChecks.REDEMPTION, "redemptionPassed", AutomaticChecks.SEGREGATION, "segregationPassed");

	private final Applications applications;

	private final AutomaticChecks checks;

	private final Clock clock;

	PreScreenInputs(Applications applications, AutomaticChecks checks, Clock clock) {
		this.applications = applications;
		this.checks = checks;
		this.clock = clock;
	}

	@Override
	public void execute(DelegateExecution execution) {
		Application application = applications
			.findById(ProcessGateway.idOf((String) execution.getVariable(ApplicationProcess.Variables.APPLICATION_ID)))
			.orElseThrow();
		LocalDate submitted = LocalDate.ofInstant(application.submittedAt(), clock.getZone());
		CheckReport report = checks.run(application.content(), submitted);
		VARIABLES.forEach((check, variable) -> execution.setVariable(variable, report.result(check).passed()));
	}
}
