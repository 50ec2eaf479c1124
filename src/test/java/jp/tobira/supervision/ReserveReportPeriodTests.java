package jp.tobira.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import jp.tobira.application.ApplicationContent;
import jp.tobira.application.AssetClass;
import jp.tobira.validation.FieldProblem;

/**
 * The month a report is filed for: as of its last day, once that day has come, with the
 * reserves of that month and redemptions that add up.
 */
class ReserveReportPeriodTests {

	static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

	@Test
	void acceptsTheLastMonthAsOfItsLastDay() {
		assertThat(problems(filing(LocalDate.of(2026, 11, 30), LocalDate.of(2026, 11, 30), 3, "10"))).isEmpty();
	}

	@Test
	void acceptsTheCurrentMonthOnItsLastDay() {
		assertThat(ReserveReports.periodProblems(
				filing(LocalDate.of(2026, 11, 30), LocalDate.of(2026, 11, 30), 3, "10"), LocalDate.of(2026, 11, 30)))
			.isEmpty();
	}

	@Test
	void refusesADayThatIsNotTheLastOfItsMonth() {
		assertThat(problems(filing(LocalDate.of(2026, 11, 29), LocalDate.of(2026, 11, 29), 3, "10")))
			.extracting(FieldProblem::field, FieldProblem::message)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("asOf",
					"must be the last day of a month: 2026-11-29 is not; its month ends on 2026-11-30"));
	}

	@Test
	void refusesAMonthNotYetOver() {
		assertThat(problems(filing(LocalDate.of(2026, 12, 31), LocalDate.of(2026, 12, 1), 3, "10")))
			.extracting(FieldProblem::field, FieldProblem::message)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("asOf",
					"the month 2026-12 is not over: its report is filed as of 2026-12-31, from that day on"));
	}

	@Test
	void refusesReservesOfAnotherMonth() {
		assertThat(problems(filing(LocalDate.of(2026, 11, 30), LocalDate.of(2026, 10, 31), 3, "10")))
			.extracting(FieldProblem::field)
			.containsExactly("reserves.asOf");
	}

	@Test
	void refusesAnAmountRedeemedInAMonthWithoutRedemptions() {
		assertThat(problems(filing(LocalDate.of(2026, 11, 30), LocalDate.of(2026, 11, 30), 0, "10")))
			.extracting(FieldProblem::field)
			.containsExactly("redemptions");
		assertThat(problems(filing(LocalDate.of(2026, 11, 30), LocalDate.of(2026, 11, 30), 0, "0"))).isEmpty();
	}

	private static List<FieldProblem> problems(ReserveReportFiling filing) {
		return ReserveReports.periodProblems(filing, TODAY);
	}

	private static ReserveReportFiling filing(LocalDate asOf, LocalDate reservesAsOf, int redemptions,
			String redeemed) {
		return new ReserveReportFiling(asOf, new BigDecimal("1000"),
				new ApplicationContent.Reserves(reservesAsOf,
						List.of(new ApplicationContent.ReserveAsset(AssetClass.CASH, new BigDecimal("1000"), "USD",
								"Custodian A", null))),
				asOf,
				new ReserveReportFiling.Redemptions(redemptions, new BigDecimal(redeemed), redemptions == 0 ? 0 : 2));
	}

}
