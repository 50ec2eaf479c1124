package jp.tobira.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import jp.tobira.application.ApplicationContent.ReserveAsset;
import jp.tobira.application.ApplicationContent.Reserves;
import jp.tobira.application.AssetClass;
import jp.tobira.cooperation.EquivalenceStatus;
import jp.tobira.rulebook.RulebookVersion;

/**
 * A monthly reserve report's checks: the criteria a report can be measured by, on their
 * thresholds and one step past them, the ages measured to the month's last day.
 */
class ReserveReportChecksTests {

	static final LocalDate MONTH_END = LocalDate.of(2026, 10, 31);

	final AutomaticChecks checks = new AutomaticChecks(() -> AutomaticChecksTests.DEFAULTS,
			code -> EquivalenceStatus.EQUIVALENT);

	@Test
	void runsOnlyTheReportsCriteriaTheVersionSwitchesOnInTheChecksOrder() {
		assertThat(codes(checks.run(AutomaticChecksTests.DEFAULTS, figures("1000", MONTH_END, 2))))
			.containsExactly("RESERVE_COVERAGE", "ASSET_ELIGIBILITY", "ATTESTATION_AGE", "REDEMPTION");
		assertThat(codes(checks.run(AutomaticChecksTests.everyCriterionOn(), figures("1000", MONTH_END, 2))))
			.containsExactly("RESERVE_COVERAGE", "ASSET_ELIGIBILITY", "ATTESTATION_AGE", "REDEMPTION",
					"RESERVE_CURRENCY", "LIQUID_SHARE", "GOVERNMENT_PAPER_TERM", "CUSTODIAN_CONCENTRATION");
	}

	@Test
	void aCleanReportPassesEveryCheckUnderEveryCriterion() {
		CheckReport report = checks.run(AutomaticChecksTests.everyCriterionOn(), figures("1000", MONTH_END, 5));

		assertThat(report.passed()).as(report.toString()).isTrue();
		assertThat(report.flags()).isEmpty();
		assertThat(report.rulebookVersion()).isEqualTo(AutomaticChecksTests.DEFAULTS.version());
	}

	@Test
	void flagsReservesJustShortOfTheSupply() {
		CheckReport report = checks.run(AutomaticChecksTests.DEFAULTS, figures("999.999999", MONTH_END, 2));

		assertThat(report.flags()).containsExactly(Flag.UNDER_BACKED);
		assertThat(report.result("RESERVE_COVERAGE").measured().english()).isEqualTo("0.999999");
	}

	@Test
	void measuresTheRedemptionTimeAgainstTheRulebooksBusinessDays() {
		CheckResult onTheLimit = checks.run(AutomaticChecksTests.DEFAULTS, figures("1000", MONTH_END, 5))
			.result("REDEMPTION");
		CheckResult pastIt = checks.run(AutomaticChecksTests.DEFAULTS, figures("1000", MONTH_END, 6))
			.result("REDEMPTION");

		assertThat(onTheLimit.passed()).isTrue();
		assertThat(onTheLimit.limit().english()).isEqualTo("≤ 5 business days");
		assertThat(pastIt.flag()).isEqualTo(Flag.SLOW_REDEMPTION);
		assertThat(pastIt.measured().english()).isEqualTo("6 business days at the longest");
	}

	@Test
	void measuresTheAttestationsAgeToTheMonthsLastDay() {
		CheckResult onTheLimit = checks.run(AutomaticChecksTests.DEFAULTS, figures("1000", MONTH_END.minusDays(35), 2))
			.result("ATTESTATION_AGE");
		CheckResult pastIt = checks.run(AutomaticChecksTests.DEFAULTS, figures("1000", MONTH_END.minusDays(36), 2))
			.result("ATTESTATION_AGE");

		assertThat(onTheLimit.passed()).isTrue();
		assertThat(pastIt.flag()).isEqualTo(Flag.STALE_ATTESTATION);
	}

	@Test
	void flagsGovernmentPaperMaturingLaterThanTheVersionAllowsFromTheMonthsEnd() {
		RulebookVersion version = AutomaticChecksTests.DEFAULTS;
		AutomaticChecks.ReserveFigures late = new AutomaticChecks.ReserveFigures(MONTH_END, "USD",
				new BigDecimal("1000"), new Reserves(MONTH_END, List.of(new ReserveAsset(AssetClass.GOVERNMENT_BOND,
						new BigDecimal("1000"), "USD", "Custodian A", MONTH_END.plusMonths(12).plusDays(1)))),
				MONTH_END, 0);

		assertThat(checks.run(version, late).flags()).containsExactly(Flag.INELIGIBLE_ASSETS);
	}

	/**
	 * A supply of 1,000 backed by the given reserves: 40 % cash, 30 % demand deposits, 30
	 * % in a bill maturing two months on, each with another custodian.
	 */
	static AutomaticChecks.ReserveFigures figures(String reserves, LocalDate attested, int longestBusinessDays) {
		BigDecimal total = new BigDecimal(reserves);
		BigDecimal cash = total.multiply(new BigDecimal("0.4"));
		BigDecimal deposits = total.multiply(new BigDecimal("0.3"));
		return new AutomaticChecks.ReserveFigures(MONTH_END, "USD", new BigDecimal("1000"),
				new Reserves(MONTH_END,
						List.of(new ReserveAsset(AssetClass.CASH, cash, "USD", "Custodian A", null),
								new ReserveAsset(AssetClass.DEMAND_DEPOSIT, deposits, "USD", "Custodian B", null),
								new ReserveAsset(AssetClass.GOVERNMENT_BILL, total.subtract(cash).subtract(deposits),
										"USD", "Custodian C", MONTH_END.plusMonths(2)))),
				attested, longestBusinessDays);
	}

	private static List<String> codes(CheckReport report) {
		return report.results().stream().map(CheckResult::check).toList();
	}

}
