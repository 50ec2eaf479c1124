package jp.tobira.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import jp.tobira.Fixtures;
import jp.tobira.application.ApplicationContent.AuditAndAttestation;
import jp.tobira.application.ApplicationContent.Issuer;
import jp.tobira.application.ApplicationContent.Redemption;
import jp.tobira.application.ApplicationContent.ReserveAsset;
import jp.tobira.application.ApplicationContent.Reserves;
import jp.tobira.application.ApplicationContent.Token;
import jp.tobira.application.ApplicationContent.Trust;
import jp.tobira.application.ApplicationContent;
import jp.tobira.application.AssetClass;
import jp.tobira.application.AuditOpinion;
import jp.tobira.cooperation.EquivalenceStatus;
import jp.tobira.rulebook.Criterion;
import jp.tobira.rulebook.CriterionSetting;
import jp.tobira.rulebook.RulebookFixtures;
import jp.tobira.rulebook.RulebookVersion;

/**
 * Every automatic check on its threshold and one step past it, with the default
 * thresholds (README, "Configuration"). Plain JUnit: the checks are constructed by hand,
 * the jurisdiction table is a function.
 */
class AutomaticChecksTests {

	/**
	 * Version 1 as the application's configuration seeds it;
	 * {@link #versionOneSaysWhatTheReadmeSays} pins its thresholds.
	 */
	static final RulebookVersion DEFAULTS = RulebookFixtures.version1();

	static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

	/** The day of submission (Tokyo). */
	static final LocalDate SUBMITTED = LocalDate.of(2026, 11, 30);

	static final LocalDate RESERVES_AS_OF = LocalDate.of(2026, 10, 31);

	static final String HOME = "CH";

	final AutomaticChecks checks = new AutomaticChecks(() -> DEFAULTS,
			code -> HOME.equals(code) ? EquivalenceStatus.EQUIVALENT : EquivalenceStatus.UNDER_ASSESSMENT);

	// --- the configuration
	// -----------------------------------------------------------------------------------------

	@Test
	void versionOneSaysWhatTheReadmeSays() {
		assertThat(DEFAULTS.thresholdsInForce()).containsExactly(Map.entry("RESERVE_COVERAGE.minRatio", "1.00"),
				Map.entry("ASSET_ELIGIBILITY.eligibleClasses",
						List.of("CASH", "DEMAND_DEPOSIT", "GOVERNMENT_BILL", "GOVERNMENT_BOND", "REVERSE_REPO")),
				Map.entry("ASSET_ELIGIBILITY.maxGovernmentMaturityMonths", 12),
				Map.entry("ATTESTATION_AGE.maxDays", 35), Map.entry("AUDIT_AGE.maxMonths", 12),
				Map.entry("REDEMPTION.maxBusinessDays", 5));
		assertThat(DEFAULTS.criteria().stream().filter(CriterionSetting::enabled).map(CriterionSetting::code))
			.containsExactly("RESERVE_COVERAGE", "ASSET_ELIGIBILITY", "ATTESTATION_AGE", "AUDIT_AGE", "REDEMPTION",
					"SEGREGATION", "JURISDICTION", "INFORMATION_SHARING", "JAPANESE_INTERMEDIARY");
	}

	@Test
	void aSoundApplicationRaisesNoFlag() {
		CheckReport report = checks.run(sound(), SUBMITTED);

		assertThat(report.flags()).isEmpty();
		assertThat(report.passed()).isTrue();
	}

	// --- UNDER_BACKED: reserves ÷ supply ≥ 1.00
	// ----------------------------------------------------------------------

	@Test
	void acceptsReservesExactlyCoveringTheSupply() {
		assertThat(flags(withCoverage("1000000.00", "1000000.00"))).doesNotContain(Flag.UNDER_BACKED);
	}

	@Test
	void raisesUnderBackedJustBelowFullCoverage() {
		// 999 999.99 ÷ 1 000 000 = 0.99999999, the first ratio below 1.00 at the scale of
		// cents
		assertThat(flags(withCoverage("999999.99", "1000000.00"))).containsExactly(Flag.UNDER_BACKED);
	}

	@Test
	void raisesUnderBackedWhenTheRatioWouldRoundUpToFullCoverage() {
		// 0.9999996: rounded half-up to six places it would read 1.000000 and pass
		assertThat(flags(withCoverage("9999996", "10000000"))).containsExactly(Flag.UNDER_BACKED);
	}

	@Test
	void reportsTheMeasuredRatioAndTheThreshold() {
		CheckResult coverage = checks.run(withCoverage("999999", "1000000"), SUBMITTED)
			.result(AutomaticChecks.RESERVE_COVERAGE);

		assertThat(coverage.flag()).isEqualTo(Flag.UNDER_BACKED);
		assertThat(coverage.value()).contains("0.999999");
		assertThat(coverage.threshold()).contains("1.00");
	}

	// --- INELIGIBLE_ASSETS: cash, demand deposits, government paper ≤ 1 year, reverse
	// repos on it ------------------

	@ParameterizedTest
	@EnumSource(value = AssetClass.class, names = { "CASH", "DEMAND_DEPOSIT" })
	void acceptsEveryEligibleClassWithoutATerm(AssetClass eligible) {
		assertThat(flags(withAsset(eligible, null))).doesNotContain(Flag.INELIGIBLE_ASSETS);
	}

	@ParameterizedTest
	@EnumSource(value = AssetClass.class, mode = EnumSource.Mode.EXCLUDE,
			names = { "CASH", "DEMAND_DEPOSIT", "GOVERNMENT_BILL", "GOVERNMENT_BOND", "REVERSE_REPO" })
	void raisesIneligibleAssetsForEveryOtherClass(AssetClass ineligible) {
		assertThat(flags(withAsset(ineligible, RESERVES_AS_OF.plusDays(1)))).containsExactly(Flag.INELIGIBLE_ASSETS);
	}

	@ParameterizedTest
	@EnumSource(value = AssetClass.class, names = { "GOVERNMENT_BILL", "GOVERNMENT_BOND", "REVERSE_REPO" })
	void acceptsTermPaperMaturingExactlyOneYearAfterTheReserveDate(AssetClass paper) {
		assertThat(flags(withAsset(paper, LocalDate.of(2027, 10, 31)))).doesNotContain(Flag.INELIGIBLE_ASSETS);
	}

	@ParameterizedTest
	@EnumSource(value = AssetClass.class, names = { "GOVERNMENT_BILL", "GOVERNMENT_BOND", "REVERSE_REPO" })
	void raisesIneligibleAssetsForTermPaperMaturingOneDayPastAYear(AssetClass paper) {
		assertThat(flags(withAsset(paper, LocalDate.of(2027, 11, 1)))).containsExactly(Flag.INELIGIBLE_ASSETS);
	}

	@ParameterizedTest
	@EnumSource(value = AssetClass.class, names = { "GOVERNMENT_BILL", "GOVERNMENT_BOND" })
	void raisesIneligibleAssetsForGovernmentPaperWithoutAMaturity(AssetClass paper) {
		assertThat(flags(withAsset(paper, null))).containsExactly(Flag.INELIGIBLE_ASSETS);
	}

	@Test
	void acceptsAnOpenReverseRepoWithoutAMaturity() {
		assertThat(flags(withAsset(AssetClass.REVERSE_REPO, null))).doesNotContain(Flag.INELIGIBLE_ASSETS);
	}

	@Test
	void namesTheOffendingRowOfTheReserves() {
		CheckResult eligibility = checks.run(withAsset(AssetClass.COMMERCIAL_PAPER, null), SUBMITTED)
			.result(AutomaticChecks.ASSET_ELIGIBILITY);

		assertThat(eligibility.flag()).isEqualTo(Flag.INELIGIBLE_ASSETS);
		assertThat(eligibility.value()).startsWith("row 2 ").contains("class not eligible");
	}

	// --- STALE_ATTESTATION: at most 35 days old at submission
	// -------------------------------------------------------

	@Test
	void acceptsAnAttestationExactly35DaysOld() {
		assertThat(flags(withAttestation(SUBMITTED.minusDays(35)), SUBMITTED)).doesNotContain(Flag.STALE_ATTESTATION);
	}

	@Test
	void raisesStaleAttestationAt36Days() {
		assertThat(flags(withAttestation(SUBMITTED.minusDays(36)), SUBMITTED)).containsExactly(Flag.STALE_ATTESTATION);
	}

	@Test
	void acceptsAnAttestationMadeOnTheDayOfSubmission() {
		assertThat(flags(withAttestation(SUBMITTED), SUBMITTED)).doesNotContain(Flag.STALE_ATTESTATION);
	}

	/**
	 * 23:30 UTC on 29 November is 08:30 on 30 November in Tokyo, where the supervisor
	 * counts its days: the submission day is the Tokyo date (the pre-screen turns the
	 * instant into a date in the engine clock's zone, Asia/Tokyo;
	 * {@code PreScreenInputsTests} pins that), so an attestation of 25 October is 36 days
	 * old, not 35.
	 */
	@Test
	void countsTheAttestationAgeFromTheTokyoDateOfALateEveningUtcSubmission() {
		Instant lateEveningUtc = Instant.parse("2026-11-29T23:30:00Z");
		LocalDate attested = LocalDate.of(2026, 10, 25);
		LocalDate utcDate = LocalDate.ofInstant(lateEveningUtc, ZoneOffset.UTC);
		LocalDate tokyoDate = LocalDate.ofInstant(lateEveningUtc, TOKYO);
		assertThat(utcDate).isEqualTo(LocalDate.of(2026, 11, 29));
		assertThat(tokyoDate).isEqualTo(LocalDate.of(2026, 11, 30));

		assertThat(flags(withAttestation(attested), utcDate)).as("35 days old by the UTC date")
			.doesNotContain(Flag.STALE_ATTESTATION);
		assertThat(flags(withAttestation(attested), tokyoDate)).as("36 days old by the Tokyo date")
			.containsExactly(Flag.STALE_ATTESTATION);
		assertThat(checks.run(withAttestation(attested), tokyoDate).result(AutomaticChecks.ATTESTATION_AGE).value())
			.contains("36");
	}

	// --- STALE_AUDIT: at most 12 months old at submission
	// -----------------------------------------------------------

	@Test
	void acceptsAnAuditExactlyTwelveMonthsOld() {
		assertThat(flags(withAudit(SUBMITTED.minusMonths(12), SUBMITTED), SUBMITTED)).doesNotContain(Flag.STALE_AUDIT);
	}

	@Test
	void raisesStaleAuditOneDayPastTwelveMonths() {
		assertThat(flags(withAudit(SUBMITTED.minusMonths(12).minusDays(1), SUBMITTED), SUBMITTED))
			.containsExactly(Flag.STALE_AUDIT);
	}

	@Test
	void countsAnAuditOfTheLastDayOfFebruaryTwelveMonthsToTheCalendarDay() {
		// 29 February 2028 + 12 months = 28 February 2029: on 1 March 2029 the audit is
		// stale
		LocalDate audited = LocalDate.of(2028, 2, 29);
		assertThat(flags(withAudit(audited, LocalDate.of(2029, 2, 28)), LocalDate.of(2029, 2, 28)))
			.doesNotContain(Flag.STALE_AUDIT);
		assertThat(flags(withAudit(audited, LocalDate.of(2029, 3, 1)), LocalDate.of(2029, 3, 1)))
			.containsExactly(Flag.STALE_AUDIT);
	}

	// --- SLOW_REDEMPTION: at par, within 5 business days
	// ------------------------------------------------------------

	@Test
	void acceptsRedemptionAtParInExactlyFiveBusinessDays() {
		assertThat(flags(withRedemption(true, 5))).doesNotContain(Flag.SLOW_REDEMPTION);
	}

	@Test
	void raisesSlowRedemptionAtSixBusinessDays() {
		assertThat(flags(withRedemption(true, 6))).containsExactly(Flag.SLOW_REDEMPTION);
	}

	@Test
	void raisesSlowRedemptionWhenNotAtParHoweverFast() {
		assertThat(flags(withRedemption(false, 0))).containsExactly(Flag.SLOW_REDEMPTION);
	}

	// --- NOT_SEGREGATED: segregated and bankruptcy-remote
	// -----------------------------------------------------------

	@Test
	void acceptsReservesSegregatedAndBankruptcyRemote() {
		assertThat(flags(withTrust(true, true))).doesNotContain(Flag.NOT_SEGREGATED);
	}

	@Test
	void raisesNotSegregatedWhenTheReservesAreNotSegregated() {
		assertThat(flags(withTrust(false, true))).containsExactly(Flag.NOT_SEGREGATED);
	}

	@Test
	void raisesNotSegregatedWhenTheReservesAreNotBankruptcyRemote() {
		assertThat(flags(withTrust(true, false))).containsExactly(Flag.NOT_SEGREGATED);
	}

	// --- NOT_EQUIVALENT / UNDER_ASSESSMENT: the home jurisdiction's status
	// ------------------------------------------

	@Test
	void acceptsAnEquivalentHomeJurisdiction() {
		assertThat(flags(sound(), SUBMITTED, EquivalenceStatus.EQUIVALENT)).isEmpty();
	}

	@Test
	void raisesNotEquivalentForAJurisdictionJudgedNotEquivalent() {
		assertThat(flags(sound(), SUBMITTED, EquivalenceStatus.NOT_EQUIVALENT)).containsExactly(Flag.NOT_EQUIVALENT);
	}

	@Test
	void raisesUnderAssessmentForAJurisdictionNotYetJudged() {
		assertThat(flags(sound(), SUBMITTED, EquivalenceStatus.UNDER_ASSESSMENT))
			.containsExactly(Flag.UNDER_ASSESSMENT);
	}

	@Test
	void asksTheTableAboutTheIssuersOwnJurisdiction() {
		// the checks' own table says CH is equivalent and everything else under
		// assessment
		ApplicationContent elsewhere = withIssuerIn("US");
		assertThat(checks.run(elsewhere, SUBMITTED).flags()).containsExactly(Flag.UNDER_ASSESSMENT);
		assertThat(checks.run(withIssuerIn(HOME), SUBMITTED).flags()).isEmpty();
	}

	// --- missing data is never a pass
	// --------------------------------------------------------------------------------

	@Test
	void reportsAnEmptyDraftAsNotEvaluatedRatherThanPassed() {
		CheckReport report = checks.run(ApplicationContent.empty(), SUBMITTED);

		assertThat(report.flags()).isEmpty();
		assertThat(report.passed()).isFalse();
		assertThat(report.results()).extracting(CheckResult::evaluated).containsOnly(false);
	}

	// --- the criteria added to the rulebook, each switched on alone
	// --------------------------------------------------------------------------------

	@Test
	void theCanonicalApplicationRaisesNoFlagWithEveryCriterionSwitchedOn() throws IOException {
		ApplicationContent canonical = Fixtures.JSON.readValue(Fixtures.exampleJson(), ApplicationContent.class);

		CheckReport report = new AutomaticChecks(AutomaticChecksTests::everyCriterionOn,
				code -> EquivalenceStatus.EQUIVALENT)
			.run(canonical, SUBMITTED);

		assertThat(report.results()).extracting(CheckResult::check).containsExactlyElementsOf(AutomaticChecks.CHECKS);
		assertThat(report.flags()).isEmpty();
		assertThat(report.passed()).isTrue();
	}

	@Test
	void reportsAnEmptyDraftAsNotEvaluatedUnderEveryCriterion() {
		CheckReport report = new AutomaticChecks(AutomaticChecksTests::everyCriterionOn,
				code -> EquivalenceStatus.EQUIVALENT)
			.run(ApplicationContent.empty(), SUBMITTED);

		assertThat(report.results()).hasSize(AutomaticChecks.CHECKS.size());
		assertThat(report.flags()).isEmpty();
		assertThat(report.results()).extracting(CheckResult::evaluated).containsOnly(false);
	}

	@ParameterizedTest
	@EnumSource(value = Criterion.class, names = { "RESERVE_CURRENCY", "LIQUID_SHARE", "GOVERNMENT_PAPER_TERM",
			"CUSTODIAN_CONCENTRATION", "RECOGNISED_AUDITOR" })
	void doesNotRunACriterionVersionOneSwitchesOffHoweverTheApplicationFailsIt(Criterion criterion) {
		ApplicationContent sound = sound();
		ApplicationContent failsEveryNewCriterion = new ApplicationContent(sound.issuer(), sound.token(), sound.trust(),
				reserves(List.of(held(AssetClass.GOVERNMENT_BOND, "1000000.00", "EUR", RESERVES_AS_OF.plusDays(200)))),
				new AuditAndAttestation("Unlisted Audit Firm", sound.audit().lastAuditDate(),
						sound.audit().lastAttestationDate(), sound.audit().opinion()),
				sound.redemption(), sound.intermediary());

		CheckReport report = checks.run(failsEveryNewCriterion, SUBMITTED);

		assertThat(DEFAULTS.enabled(criterion)).isFalse();
		assertThat(report.results()).extracting(CheckResult::check).doesNotContain(criterion.name());
		assertThat(everyCriterionOnChecks().run(failsEveryNewCriterion, SUBMITTED).result(criterion.name()).flag())
			.as("the same application, with the criterion switched on")
			.isNotNull();
	}

	// --- RESERVE_CURRENCY_MISMATCH: share of reserves in the pegged currency ≥ minShare

	@Test
	void acceptsReservesExactlyAtTheLeastShareInThePeggedCurrency() {
		CheckResult currency = reserveCurrency("0.90", List.of(held(AssetClass.CASH, "900000.00", "USD", null),
				held(AssetClass.CASH, "100000.00", "EUR", null)));

		assertThat(currency.passed()).isTrue();
		assertThat(currency.value()).isEqualTo("90% in USD");
		assertThat(currency.threshold()).isEqualTo("≥ 90% in USD");
	}

	@Test
	void raisesReserveCurrencyMismatchOneCentBelowTheLeastShare() {
		CheckResult currency = reserveCurrency("0.90", List.of(held(AssetClass.CASH, "899999.99", "USD", null),
				held(AssetClass.CASH, "100000.01", "EUR", null)));

		assertThat(currency.flag()).isEqualTo(Flag.RESERVE_CURRENCY_MISMATCH);
		// rounded down: a failing share never reads as its threshold
		assertThat(currency.value()).isEqualTo("89.99% in USD");
	}

	@Test
	void raisesReserveCurrencyMismatchForAShareThatWouldRoundUpToAllOfTheReserves() {
		// 9 999 999.99 of 10 000 000.00 is 0.999999999: at six places it would read 1
		CheckResult currency = reserveCurrency("1.00",
				List.of(held(AssetClass.CASH, "9999999.99", "USD", null), held(AssetClass.CASH, "0.01", "EUR", null)));

		assertThat(currency.flag()).isEqualTo(Flag.RESERVE_CURRENCY_MISMATCH);
	}

	@Test
	void reportsTheReserveCurrencyAsNotEvaluatedWhenARowHasNoCurrency() {
		CheckResult currency = reserveCurrency("0.50", List.of(held(AssetClass.CASH, "900000.00", "USD", null),
				held(AssetClass.CASH, "100000.00", null, null)));

		assertThat(currency.evaluated()).isFalse();
		assertThat(currency.flag()).isNull();
	}

	// --- LOW_LIQUID_SHARE: share of reserves in cash and demand deposits ≥ minShare

	@Test
	void acceptsCashAndDemandDepositsExactlyAtTheLeastLiquidShare() {
		CheckResult liquid = liquidShare("0.30",
				List.of(held(AssetClass.CASH, "150000.00", "USD", null),
						held(AssetClass.DEMAND_DEPOSIT, "150000.00", "USD", null),
						held(AssetClass.GOVERNMENT_BILL, "700000.00", "USD", RESERVES_AS_OF.plusDays(30))));

		assertThat(liquid.passed()).isTrue();
		assertThat(liquid.value()).isEqualTo("30% in cash and demand deposits");
	}

	@Test
	void raisesLowLiquidShareOneCentBelowTheLeastShare() {
		CheckResult liquid = liquidShare("0.30",
				List.of(held(AssetClass.CASH, "149999.99", "USD", null),
						held(AssetClass.DEMAND_DEPOSIT, "150000.00", "USD", null),
						held(AssetClass.GOVERNMENT_BILL, "700000.01", "USD", RESERVES_AS_OF.plusDays(30))));

		assertThat(liquid.flag()).isEqualTo(Flag.LOW_LIQUID_SHARE);
	}

	@Test
	void doesNotCountAReverseRepoAsLiquid() {
		CheckResult liquid = liquidShare("0.30", List.of(held(AssetClass.CASH, "299999.99", "USD", null),
				held(AssetClass.REVERSE_REPO, "700000.01", "USD", RESERVES_AS_OF.plusDays(1))));

		assertThat(liquid.flag()).isEqualTo(Flag.LOW_LIQUID_SHARE);
	}

	@Test
	void reportsTheLiquidShareAsNotEvaluatedWithoutReserveAssets() {
		CheckResult liquid = run(Criterion.LIQUID_SHARE, Map.of("minShare", "0.30"), withReserves(List.of()))
			.result(AutomaticChecks.LIQUID_SHARE);

		assertThat(liquid.evaluated()).isFalse();
		assertThat(liquid.flag()).isNull();
	}

	// --- LONG_PAPER_TERM: government paper's remaining term from the reserve date ≤
	// maxDays

	@ParameterizedTest
	@EnumSource(value = AssetClass.class, names = { "GOVERNMENT_BILL", "GOVERNMENT_BOND" })
	void acceptsGovernmentPaperMaturingExactly93DaysAfterTheReserveDate(AssetClass paper) {
		CheckResult term = paperTerm(List.of(held(AssetClass.CASH, "500000.00", "USD", null),
				held(paper, "500000.00", "USD", RESERVES_AS_OF.plusDays(93))));

		assertThat(term.passed()).isTrue();
		assertThat(term.value()).isEqualTo("93 days (row 2, matures 2027-02-01)");
	}

	@ParameterizedTest
	@EnumSource(value = AssetClass.class, names = { "GOVERNMENT_BILL", "GOVERNMENT_BOND" })
	void raisesLongPaperTermAt94Days(AssetClass paper) {
		CheckResult term = paperTerm(List.of(held(paper, "500000.00", "USD", RESERVES_AS_OF.plusDays(10)),
				held(paper, "500000.00", "USD", RESERVES_AS_OF.plusDays(94))));

		assertThat(term.flag()).isEqualTo(Flag.LONG_PAPER_TERM);
		assertThat(term.value()).startsWith("94 days (row 2");
	}

	@Test
	void doesNotLimitTheTermOfAReverseRepo() {
		CheckResult term = paperTerm(List.of(held(AssetClass.CASH, "500000.00", "USD", null),
				held(AssetClass.REVERSE_REPO, "500000.00", "USD", RESERVES_AS_OF.plusDays(200))));

		assertThat(term.passed()).isTrue();
		assertThat(term.value()).isEqualTo("no government paper");
	}

	@Test
	void reportsThePaperTermAsNotEvaluatedForABillWithoutAMaturity() {
		CheckResult term = paperTerm(List.of(held(AssetClass.GOVERNMENT_BILL, "500000.00", "USD", null),
				held(AssetClass.GOVERNMENT_BOND, "500000.00", "USD", RESERVES_AS_OF.plusDays(400))));

		assertThat(term.evaluated()).isFalse();
		assertThat(term.flag()).isNull();
	}

	// --- CUSTODIAN_CONCENTRATION: the largest share with one custodian ≤ maxShare

	@Test
	void acceptsTheLargestCustodianExactlyAtTheGreatestShare() {
		CheckResult concentration = custodianConcentration(
				List.of(heldBy("500000.00", "Bank A"), heldBy("500000.00", "Bank B")));

		assertThat(concentration.passed()).isTrue();
		assertThat(concentration.value()).isEqualTo("50% with Bank A");
		assertThat(concentration.threshold()).isEqualTo("≤ 50% with any one custodian");
	}

	@Test
	void raisesCustodianConcentrationOneCentAboveTheGreatestShare() {
		CheckResult concentration = custodianConcentration(
				List.of(heldBy("499999.99", "Bank A"), heldBy("500000.01", "Bank B")));

		assertThat(concentration.flag()).isEqualTo(Flag.CUSTODIAN_CONCENTRATION);
		// rounded up: a share above the limit never reads as the limit
		assertThat(concentration.value()).isEqualTo("50.01% with Bank B");
	}

	@Test
	void addsUpTheRowsOfOneCustodianHoweverItsNameIsSpacedOrCapitalised() {
		CheckResult concentration = custodianConcentration(List.of(heldBy("300000.00", "Bank A"),
				heldBy("400000.00", "Bank B"), heldBy("300000.00", "  BANK a ")));

		assertThat(concentration.flag()).isEqualTo(Flag.CUSTODIAN_CONCENTRATION);
		assertThat(concentration.value()).isEqualTo("60% with Bank A");
	}

	@Test
	void reportsTheCustodianConcentrationAsNotEvaluatedWithoutReserves() {
		ApplicationContent sound = sound();
		ApplicationContent noReserves = new ApplicationContent(sound.issuer(), sound.token(), sound.trust(), null,
				sound.audit(), sound.redemption(), sound.intermediary());

		CheckResult concentration = run(Criterion.CUSTODIAN_CONCENTRATION, Map.of("maxShare", "0.50"), noReserves)
			.result(AutomaticChecks.CUSTODIAN_CONCENTRATION);

		assertThat(concentration.evaluated()).isFalse();
		assertThat(concentration.flag()).isNull();
	}

	// --- UNRECOGNISED_AUDITOR: the auditor on the list of recognised firms

	@Test
	void acceptsAnAuditorOnTheListHoweverItsNameIsSpacedOrCapitalised() {
		CheckResult auditor = recognisedAuditor(List.of("KPMG", "Example & Partners LLP"),
				"  example &\u3000 PARTNERS   llp ");

		assertThat(auditor.passed()).isTrue();
	}

	@Test
	void raisesUnrecognisedAuditorForAFirmOffTheList() {
		CheckResult auditor = recognisedAuditor(List.of("KPMG", "Example & Partners LLP"), "Example & Partners");

		assertThat(auditor.flag()).isEqualTo(Flag.UNRECOGNISED_AUDITOR);
		assertThat(auditor.value()).isEqualTo("Example & Partners");
		assertThat(auditor.threshold()).isEqualTo("one of: KPMG, Example & Partners LLP");
	}

	@Test
	void raisesUnrecognisedAuditorForTheCanonicalAuditorUnderTheSeededList() {
		CheckResult auditor = run(Criterion.RECOGNISED_AUDITOR, Map.of(), sound())
			.result(AutomaticChecks.RECOGNISED_AUDITOR);

		assertThat(DEFAULTS.setting(Criterion.RECOGNISED_AUDITOR).names("auditors")).containsExactly("Deloitte",
				"Ernst & Young", "KPMG", "PricewaterhouseCoopers");
		assertThat(auditor.flag()).isEqualTo(Flag.UNRECOGNISED_AUDITOR);
	}

	@Test
	void reportsTheAuditorAsNotEvaluatedWhenNoneIsNamed() {
		CheckResult auditor = recognisedAuditor(List.of("KPMG"), "  ");

		assertThat(auditor.evaluated()).isFalse();
		assertThat(auditor.flag()).isNull();
	}

	/**
	 * Version 1 with every criterion switched on at its seeded thresholds, the canonical
	 * application's auditor added to the recognised firms (it is an example firm, on no
	 * supervisor's list).
	 */
	static RulebookVersion everyCriterionOn() {
		List<String> auditors = new java.util.ArrayList<>(
				DEFAULTS.setting(Criterion.RECOGNISED_AUDITOR).names("auditors"));
		auditors.add("Example & Partners LLP");
		return DEFAULTS.with(Criterion.RESERVE_CURRENCY, true, Map.of())
			.with(Criterion.LIQUID_SHARE, true, Map.of())
			.with(Criterion.GOVERNMENT_PAPER_TERM, true, Map.of())
			.with(Criterion.CUSTODIAN_CONCENTRATION, true, Map.of())
			.with(Criterion.RECOGNISED_AUDITOR, true, Map.of("auditors", auditors));
	}

	private static AutomaticChecks everyCriterionOnChecks() {
		return new AutomaticChecks(AutomaticChecksTests::everyCriterionOn, code -> EquivalenceStatus.EQUIVALENT);
	}

	/** The checks under version 1 with one criterion switched on and set as given. */
	private static CheckReport run(Criterion criterion, Map<String, Object> thresholds, ApplicationContent content) {
		RulebookVersion version = DEFAULTS.with(criterion, true, thresholds);
		return new AutomaticChecks(() -> version, code -> EquivalenceStatus.EQUIVALENT).run(content, SUBMITTED);
	}

	private static CheckResult reserveCurrency(String minShare, List<ReserveAsset> assets) {
		return run(Criterion.RESERVE_CURRENCY, Map.of("minShare", minShare), withReserves(assets))
			.result(AutomaticChecks.RESERVE_CURRENCY);
	}

	private static CheckResult liquidShare(String minShare, List<ReserveAsset> assets) {
		return run(Criterion.LIQUID_SHARE, Map.of("minShare", minShare), withReserves(assets))
			.result(AutomaticChecks.LIQUID_SHARE);
	}

	private static CheckResult paperTerm(List<ReserveAsset> assets) {
		return run(Criterion.GOVERNMENT_PAPER_TERM, Map.of("maxDays", 93), withReserves(assets))
			.result(AutomaticChecks.GOVERNMENT_PAPER_TERM);
	}

	private static CheckResult custodianConcentration(List<ReserveAsset> assets) {
		return run(Criterion.CUSTODIAN_CONCENTRATION, Map.of("maxShare", "0.50"), withReserves(assets))
			.result(AutomaticChecks.CUSTODIAN_CONCENTRATION);
	}

	private static CheckResult recognisedAuditor(List<String> auditors, String auditor) {
		ApplicationContent sound = sound();
		AuditAndAttestation audit = new AuditAndAttestation(auditor, sound.audit().lastAuditDate(),
				sound.audit().lastAttestationDate(), sound.audit().opinion());
		ApplicationContent content = new ApplicationContent(sound.issuer(), sound.token(), sound.trust(),
				sound.reserves(), audit, sound.redemption(), sound.intermediary());
		return run(Criterion.RECOGNISED_AUDITOR, Map.of("auditors", auditors), content)
			.result(AutomaticChecks.RECOGNISED_AUDITOR);
	}

	private static ApplicationContent withReserves(List<ReserveAsset> assets) {
		ApplicationContent sound = sound();
		return new ApplicationContent(sound.issuer(), sound.token(), sound.trust(), reserves(assets), sound.audit(),
				sound.redemption(), sound.intermediary());
	}

	private static ReserveAsset held(AssetClass assetClass, String amount, String currency, LocalDate maturity) {
		return new ReserveAsset(assetClass, new BigDecimal(amount), currency, "Example Custody Bank, N.A.", maturity);
	}

	private static ReserveAsset heldBy(String amount, String custodian) {
		return new ReserveAsset(AssetClass.CASH, new BigDecimal(amount), "USD", custodian, null);
	}

	// --- helpers
	// ----------------------------------------------------------------------------------------------------

	private List<Flag> flags(ApplicationContent content) {
		return flags(content, SUBMITTED);
	}

	private List<Flag> flags(ApplicationContent content, LocalDate asOf) {
		return checks.run(content, asOf).flags();
	}

	private static List<Flag> flags(ApplicationContent content, LocalDate asOf, EquivalenceStatus status) {
		return new AutomaticChecks(() -> DEFAULTS, code -> status).run(content, asOf).flags();
	}

	/**
	 * Everything in order on {@link #SUBMITTED}: full coverage, eligible reserves, recent
	 * papers, prompt redemption.
	 */
	static ApplicationContent sound() {
		return new ApplicationContent(issuer(HOME), token("1000000.00"), trust(true, true),
				reserves(List.of(asset(AssetClass.CASH, "1000000.00", null))),
				audit(SUBMITTED.minusMonths(6), SUBMITTED.minusDays(10)), new Redemption(true, 2, BigDecimal.ZERO),
				new ApplicationContent.Intermediary("Example Payments K.K.", "EPMSP 00001"));
	}

	private static ApplicationContent withCoverage(String reserves, String supply) {
		ApplicationContent sound = sound();
		return new ApplicationContent(sound.issuer(), token(supply), sound.trust(),
				reserves(List.of(asset(AssetClass.CASH, reserves, null))), sound.audit(), sound.redemption(),
				sound.intermediary());
	}

	/**
	 * Full coverage in cash, plus one row of the given class (so the row is the second).
	 */
	private static ApplicationContent withAsset(AssetClass assetClass, LocalDate maturity) {
		ApplicationContent sound = sound();
		return new ApplicationContent(sound.issuer(), sound.token(), sound.trust(),
				reserves(List.of(asset(AssetClass.CASH, "1000000.00", null), asset(assetClass, "1000.00", maturity))),
				sound.audit(), sound.redemption(), sound.intermediary());
	}

	private static ApplicationContent withAttestation(LocalDate attested) {
		ApplicationContent sound = sound();
		return new ApplicationContent(sound.issuer(), sound.token(), sound.trust(), sound.reserves(),
				audit(sound.audit().lastAuditDate(), attested), sound.redemption(), sound.intermediary());
	}

	/** An audit of the given date, with an attestation of the day before {@code asOf}. */
	private static ApplicationContent withAudit(LocalDate audited, LocalDate asOf) {
		ApplicationContent sound = sound();
		return new ApplicationContent(sound.issuer(), sound.token(), sound.trust(), sound.reserves(),
				audit(audited, asOf.minusDays(1)), sound.redemption(), sound.intermediary());
	}

	private static ApplicationContent withRedemption(boolean atPar, int businessDays) {
		ApplicationContent sound = sound();
		return new ApplicationContent(sound.issuer(), sound.token(), sound.trust(), sound.reserves(), sound.audit(),
				new Redemption(atPar, businessDays, BigDecimal.ZERO), sound.intermediary());
	}

	private static ApplicationContent withTrust(boolean segregated, boolean bankruptcyRemote) {
		ApplicationContent sound = sound();
		return new ApplicationContent(sound.issuer(), sound.token(), trust(segregated, bankruptcyRemote),
				sound.reserves(), sound.audit(), sound.redemption(), sound.intermediary());
	}

	private static ApplicationContent withIssuerIn(String jurisdiction) {
		ApplicationContent sound = sound();
		return new ApplicationContent(issuer(jurisdiction), sound.token(), sound.trust(), sound.reserves(),
				sound.audit(), sound.redemption(), sound.intermediary());
	}

	private static Issuer issuer(String jurisdiction) {
		return new Issuer("Example Trust Company, LLC", "NYDOS-5512340", jurisdiction, "Home Regulator", "LIC-1",
				"100 Example Street", "compliance@example-trust.test");
	}

	private static Token token(String supply) {
		return new Token("Example Dollar", "EXD", "USD", new BigDecimal(supply), RESERVES_AS_OF,
				List.of(new ApplicationContent.Chain("ethereum", "0x1111111111111111111111111111111111111111")));
	}

	private static Trust trust(boolean segregated, boolean bankruptcyRemote) {
		return new Trust("Example Trust Company, LLC", List.of("Example Custody Bank, N.A."), segregated,
				bankruptcyRemote, "New York");
	}

	private static Reserves reserves(List<ReserveAsset> assets) {
		return new Reserves(RESERVES_AS_OF, assets);
	}

	private static ReserveAsset asset(AssetClass assetClass, String amount, LocalDate maturity) {
		return new ReserveAsset(assetClass, new BigDecimal(amount), "USD", "Example Custody Bank, N.A.", maturity);
	}

	private static AuditAndAttestation audit(LocalDate audited, LocalDate attested) {
		return new AuditAndAttestation("Example & Partners LLP", audited, attested, AuditOpinion.UNQUALIFIED);
	}

}
