package jp.tobira.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jp.tobira.application.Application;
import jp.tobira.application.ApplicationContent;
import jp.tobira.application.ApplicationId;
import jp.tobira.application.Applications;
import jp.tobira.checks.AutomaticChecks;
import jp.tobira.checks.CheckReport;
import jp.tobira.checks.CheckResult;
import jp.tobira.checks.Flag;
import jp.tobira.checks.PreScreenEvaluation;
import jp.tobira.checks.PreScreenEvaluations;

/**
 * The pre-screen's inputs: the checks run (and are stored) as of the submission's date in
 * Tokyo (the engine clock's zone), and each check becomes one yes/no for the pre-screen
 * table. Plain JUnit, the checks and the repository mocked.
 */
class PreScreenInputsTests {

	static final ApplicationId ID = ApplicationId.of("6f1d3a52-2c8e-4b5e-9a43-0c1f6a1b2d3e");

	final Applications applications = mock(Applications.class);

	final PreScreenEvaluations checks = mock(PreScreenEvaluations.class);

	final Application application = mock(Application.class);

	final ApplicationContent content = ApplicationContent.empty();

	final DelegateExecution execution = mock(DelegateExecution.class);

	final PreScreenInputs inputs = new PreScreenInputs(applications, checks, new EngineClock().clock());

	@BeforeEach
	void aSubmittedApplication() {
		when(applications.findById(ID)).thenReturn(Optional.of(application));
		when(application.id()).thenReturn(ID);
		when(application.content()).thenReturn(content);
		when(execution.getVariable("applicationId")).thenReturn(ID.toString());
		when(checks.measurePreScreen(any(), any(), any())).thenReturn(report(null, null, null, null, null, null));
	}

	@Test
	void theApplicationsClockCountsDaysInTokyo() {
		assertThat(new EngineClock().clock().getZone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
	}

	@Test
	void runsTheChecksAsOfTheTokyoDateOfALateEveningUtcSubmission() {
		// 23:30 UTC on 29 November is 08:30 on 30 November in Tokyo
		when(application.submittedAt()).thenReturn(Instant.parse("2026-11-29T23:30:00Z"));

		inputs.execute(execution);

		verify(checks).measurePreScreen(ID, content, LocalDate.of(2026, 11, 30));
	}

	@Test
	void runsTheChecksAsOfTheSameDayForASubmissionAtOneSecondBeforeTokyoMidnight() {
		when(application.submittedAt()).thenReturn(Instant.parse("2026-11-29T14:59:59Z"));

		inputs.execute(execution);

		verify(checks).measurePreScreen(ID, content, LocalDate.of(2026, 11, 29));
	}

	@Test
	void runsTheChecksAsOfTheNextDayFromTokyoMidnight() {
		when(application.submittedAt()).thenReturn(Instant.parse("2026-11-29T15:00:00Z"));

		inputs.execute(execution);

		verify(checks).measurePreScreen(ID, content, LocalDate.of(2026, 11, 30));
	}

	@Test
	void handsThePreScreenOneYesOrNoPerCheck() {
		when(application.submittedAt()).thenReturn(Instant.parse("2026-11-29T23:30:00Z"));
		when(checks.measurePreScreen(any(), any(), any()))
			.thenReturn(report(null, Flag.INELIGIBLE_ASSETS, null, Flag.STALE_AUDIT, null, Flag.NOT_SEGREGATED));

		inputs.execute(execution);

		verify(execution).setVariable("reserveCoveragePassed", true);
		verify(execution).setVariable("assetEligibilityPassed", false);
		verify(execution).setVariable("attestationAgePassed", true);
		verify(execution).setVariable("auditAgePassed", false);
		verify(execution).setVariable("redemptionPassed", true);
		verify(execution).setVariable("segregationPassed", false);
	}

	@Test
	void handsACheckThatCouldNotBeMeasuredAsNotPassed() {
		when(application.submittedAt()).thenReturn(Instant.parse("2026-11-29T23:30:00Z"));
		when(checks.measurePreScreen(any(), any(), any())).thenReturn(evaluation(
				new CheckReport(List.of(new CheckResult(AutomaticChecks.RESERVE_COVERAGE, null, null, null, false),
						passed(AutomaticChecks.ASSET_ELIGIBILITY), passed(AutomaticChecks.ATTESTATION_AGE),
						passed(AutomaticChecks.AUDIT_AGE), passed(AutomaticChecks.REDEMPTION),
						passed(AutomaticChecks.SEGREGATION), passed(AutomaticChecks.JURISDICTION)))));

		inputs.execute(execution);

		verify(execution).setVariable(eq("reserveCoveragePassed"), eq(false));
		verify(execution).setVariable(eq("assetEligibilityPassed"), eq(true));
	}

	@Test
	void handsACheckTheRulebookVersionSwitchedOffAsNeitherPassedNorFailed() {
		when(application.submittedAt()).thenReturn(Instant.parse("2026-11-29T23:30:00Z"));
		// version 1 runs none of the criteria added after the first six
		when(checks.measurePreScreen(any(), any(), any())).thenReturn(report(null, null, null, null, null, null));

		inputs.execute(execution);

		verify(execution).setVariable("reserveCurrencyPassed", null);
		verify(execution).setVariable("liquidSharePassed", null);
		verify(execution).setVariable("governmentPaperTermPassed", null);
		verify(execution).setVariable("custodianConcentrationPassed", null);
		verify(execution).setVariable("recognisedAuditorPassed", null);
		verify(execution).setVariable("reserveCoveragePassed", true);
	}

	@Test
	void handsEachNewCriterionsCheckAsPassedOrFailedWhenTheVersionRunsIt() {
		when(application.submittedAt()).thenReturn(Instant.parse("2026-11-29T23:30:00Z"));
		List<CheckResult> results = new java.util.ArrayList<>(report(null, null, null, null, null, null).checks()
			.stream()
			.map(PreScreenInputsTests::result)
			.toList());
		results.add(result(AutomaticChecks.RESERVE_CURRENCY, Flag.RESERVE_CURRENCY_MISMATCH));
		results.add(passed(AutomaticChecks.LIQUID_SHARE));
		results.add(result(AutomaticChecks.GOVERNMENT_PAPER_TERM, Flag.LONG_PAPER_TERM));
		results.add(new CheckResult(AutomaticChecks.CUSTODIAN_CONCENTRATION, null, null, null, false));
		results.add(passed(AutomaticChecks.RECOGNISED_AUDITOR));
		when(checks.measurePreScreen(any(), any(), any())).thenReturn(evaluation(new CheckReport(results)));

		inputs.execute(execution);

		verify(execution).setVariable("reserveCurrencyPassed", false);
		verify(execution).setVariable("liquidSharePassed", true);
		verify(execution).setVariable("governmentPaperTermPassed", false);
		verify(execution).setVariable("custodianConcentrationPassed", false);
		verify(execution).setVariable("recognisedAuditorPassed", true);
	}

	@Test
	void namesAnInputForEveryCheckButTheJurisdictionsWhichTheTableReadsAsAStatus() {
		assertThat(PreScreenInputs.VARIABLES.keySet()).containsExactlyElementsOf(
				AutomaticChecks.CHECKS.stream().filter(check -> !check.equals(AutomaticChecks.JURISDICTION)).toList());
	}

	private static CheckResult result(PreScreenEvaluation.Check check) {
		return new CheckResult(check.code(), check.value(), check.threshold(), check.flag(),
				check.result() != PreScreenEvaluation.Result.NOT_EVALUATED);
	}

	private static PreScreenEvaluation report(Flag coverage, Flag eligibility, Flag attestation, Flag audit,
			Flag redemption, Flag segregation) {
		return evaluation(new CheckReport(List.of(result(AutomaticChecks.RESERVE_COVERAGE, coverage),
				result(AutomaticChecks.ASSET_ELIGIBILITY, eligibility),
				result(AutomaticChecks.ATTESTATION_AGE, attestation), result(AutomaticChecks.AUDIT_AGE, audit),
				result(AutomaticChecks.REDEMPTION, redemption), result(AutomaticChecks.SEGREGATION, segregation),
				passed(AutomaticChecks.JURISDICTION))));
	}

	/** The checks as the pre-screen stores them. */
	private static PreScreenEvaluation evaluation(CheckReport report) {
		return new PreScreenEvaluation(java.util.UUID.randomUUID(), ID.value(), PreScreenEvaluation.Kind.PRE_SCREEN,
				"system", Instant.now(), LocalDate.of(2026, 11, 30),
				new PreScreenEvaluation.Configuration(1, java.util.Map.of(), null, null),
				report.results()
					.stream()
					.map(r -> new PreScreenEvaluation.Check(r.check(),
							!r.evaluated() ? PreScreenEvaluation.Result.NOT_EVALUATED
									: r.flag() == null ? PreScreenEvaluation.Result.PASSED
											: PreScreenEvaluation.Result.FAILED,
							r.measured(), r.limit(), r.flag(), null))
					.toList(),
				List.of());
	}

	private static CheckResult result(String check, Flag flag) {
		return new CheckResult(check, null, null, flag, true);
	}

	private static CheckResult passed(String check) {
		return result(check, null);
	}

}
