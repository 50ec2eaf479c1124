package jp.tobira.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

import jp.tobira.Fixtures;
import jp.tobira.TobiraIntegrationTest;
import jp.tobira.api.ApiClient;
import jp.tobira.cooperation.EquivalenceStatus;
import jp.tobira.cooperation.Jurisdictions;
import jp.tobira.decision.RegisterStatus;
import jp.tobira.process.EngineClock;
import jp.tobira.supervision.ReportingCalendar;

/**
 * The dashboard's figures after recognition, on PostgreSQL, moved by what happens over
 * HTTP: two tokens approved this month count as recognised; next month, before the due
 * day, their reports for this month are due, one filed (flagged) is no longer due and is
 * flagged and awaiting assessment until assessed; after the due day the other is late
 * until filed. Other tests share the database, so each figure is compared with itself
 * before and after, on the same moved clock.
 */
@TobiraIntegrationTest
class SupervisionStatisticsIntegrationTests {

	@Autowired
	SupervisionStatistics statistics;

	@Autowired
	ReportingCalendar calendar;

	@Autowired
	TestRestTemplate rest;

	@Autowired
	Jurisdictions jurisdictions;

	@BeforeEach
	void judgeTheHomeFrameworkEquivalent() {
		jurisdictions.set("admin", Fixtures.EQUIVALENT_HOME, "Switzerland", EquivalenceStatus.EQUIVALENT,
				Fixtures.DETERMINED_ON, Fixtures.DETERMINATION, "test");
	}

	@AfterEach
	void resetClock() {
		ClockUtil.reset();
	}

	@Test
	void countsReportsDueLateFlaggedAndTokensByStatusAsReportsAreFiledAndAssessed() {
		YearMonth recognised = YearMonth.now(EngineClock.TOKYO);
		SupervisionStatistics.Figures before = statistics.figures();
		ApiClient.Case first = ApiClient.approvedCanonical(rest, Fixtures.EQUIVALENT_HOME);
		ApiClient.Case second = ApiClient.approvedCanonical(rest, Fixtures.EQUIVALENT_HOME);
		SupervisionStatistics.Figures approved = statistics.figures();
		assertThat(approved.tokensByStatus().get(RegisterStatus.RECOGNISED))
			.isEqualTo(before.tokensByStatus().get(RegisterStatus.RECOGNISED) + 2);
		assertThat(approved.tokensByStatus()).containsOnlyKeys(RegisterStatus.values());

		// next month, before the due day: both reports for the month of recognition due
		on(recognised.plusMonths(1).atDay(1));
		SupervisionStatistics.Figures nextMonth = statistics.figures();
		assertThat(nextMonth.dueMonth()).isEqualTo(recognised);
		assertThat(nextMonth.dueDay()).isEqualTo(calendar.dueDay(recognised));
		assertThat(nextMonth.due()).isGreaterThanOrEqualTo(2);

		ApiClient issuer = new ApiClient(rest, "issuer");
		ApiClient.Response filed = issuer.fileReserveReport(first, Fixtures.underBackedReserveReport(recognised));
		assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
		SupervisionStatistics.Figures oneFiled = statistics.figures();
		assertThat(oneFiled.due()).as("filed, no longer due").isEqualTo(nextMonth.due() - 1);
		assertThat(oneFiled.late()).isEqualTo(nextMonth.late());
		assertThat(oneFiled.flagged()).isEqualTo(nextMonth.flagged() + 1);
		assertThat(oneFiled.awaitingAssessment()).isEqualTo(nextMonth.awaitingAssessment() + 1);

		ApiClient supervisor = new ApiClient(rest, "supervisor");
		assertThat(supervisor
			.complete(supervisor.taskId(first.reference(), "assessReport"),
					"{\"outcome\": \"NO_ACTION\", \"reasons\": \"A rounding in the custodian's statement.\"}")
			.status()).isEqualTo(200);
		SupervisionStatistics.Figures assessed = statistics.figures();
		assertThat(assessed.awaitingAssessment()).isEqualTo(oneFiled.awaitingAssessment() - 1);
		assertThat(assessed.flagged()).as("still filed with flags in the last month").isEqualTo(oneFiled.flagged());

		// after the due day: what was due is late, until filed
		on(calendar.dueDay(recognised).plusDays(1));
		SupervisionStatistics.Figures afterDueDay = statistics.figures();
		assertThat(afterDueDay.due()).isZero();
		assertThat(afterDueDay.late()).isEqualTo(assessed.late() + assessed.due());
		assertThat(issuer.fileReserveReport(second, Fixtures.cleanReserveReport(recognised)).status()).isEqualTo(201);
		SupervisionStatistics.Figures allFiled = statistics.figures();
		assertThat(allFiled.late()).isEqualTo(afterDueDay.late() - 1);
		assertThat(allFiled.flagged()).as("a clean report is not flagged").isEqualTo(afterDueDay.flagged());

		// the page shows the figures
		String page = new ApiClient(rest, "supervisor").get("/dashboard?lang=en").body();
		assertThat(page).contains("Monthly reserve reports", "Tokens by register status")
			.containsPattern("id=\"reports-late\">.*?<td>" + allFiled.late() + "</td>")
			.containsPattern("id=\"tokens-RECOGNISED\">.*?<td>"
					+ allFiled.tokensByStatus().get(RegisterStatus.RECOGNISED) + "</td>");
	}

	private static void on(LocalDate day) {
		ClockUtil.setCurrentTime(Date.from(day.atTime(10, 0).atZone(EngineClock.TOKYO).toInstant()));
	}

}
