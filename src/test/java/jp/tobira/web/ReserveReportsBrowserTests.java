package jp.tobira.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Locale;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.tobira.Fixtures;
import jp.tobira.api.ApiClient;
import jp.tobira.cooperation.EquivalenceStatus;
import jp.tobira.cooperation.Jurisdictions;
import jp.tobira.process.EngineClock;
import jp.tobira.supervision.ReportingCalendar;

/**
 * The issuer's screens after recognition in a real browser, in English and Japanese, each
 * scanned for accessibility problems. A token recognised three months ago (the
 * application's clock, the engine's, is moved on three months after the recognition, so
 * every part of the application counts from the same day): its two first months are
 * overdue on the case page and in the list of applications; the issuer files a month's
 * report through the form and sees its checks as stored; a report whose reserves fall
 * short shows its flag with the value and threshold it was measured against; a refused
 * report comes back with each message beside its field; and a second token is surrendered
 * from its confirmation page.
 */
class ReserveReportsBrowserTests extends BrowserTest {

	static final List<String> LANGUAGES = List.of("en", "ja");

	@Autowired
	Jurisdictions jurisdictions;

	@Autowired
	MessageSource messages;

	@Autowired
	ReportingCalendar calendar;

	@Autowired
	JdbcClient jdbc;

	ApiClient.Case supervised;

	ApiClient.Case toSurrender;

	/**
	 * A token whose short reports are filed apart, as each report's attestation is a
	 * document of the case and a case holds only so many (10 in the tests).
	 */
	ApiClient.Case shortOfReserves;

	/** The month of recognition, the first the token reports on. */
	YearMonth recognisedIn;

	/** Today, three months after the recognition, as the whole application reads it. */
	LocalDate today;

	@BeforeAll
	void recogniseTwoTokensAndMoveOnThreeMonths() {
		jurisdictions.set("admin", Fixtures.EQUIVALENT_HOME, "Switzerland", EquivalenceStatus.EQUIVALENT,
				Fixtures.DETERMINED_ON, Fixtures.DETERMINATION, "test");
		supervised = recognised();
		toSurrender = recognised();
		shortOfReserves = recognised();
		ZonedDateTime now = ZonedDateTime.now(EngineClock.TOKYO);
		recognisedIn = YearMonth.from(now);
		ZonedDateTime later = now.plusMonths(3).withHour(11);
		ClockUtil.setCurrentTime(Date.from(later.toInstant()));
		today = later.toLocalDate();
	}

	@AfterAll
	void backToTheRealClock() {
		ClockUtil.reset();
	}

	@AfterEach
	void backToEnglish() {
		browser.go("/?lang=en");
	}

	@Test
	void showsTheMonthsPastTheirDueDayAsOverdueOnTheCasePageAndInTheList() {
		browser.logIn("issuer");
		for (String language : LANGUAGES) {
			browser.go("/cases/" + supervised.id() + "?lang=" + language);
			List<WebElement> overdue = browser.driver.findElements(By.cssSelector("#reserve-reports .report-overdue"));
			// the month of recognition is past its due day whatever the day, and no test
			// files it; the next may have been filed, late, by another test
			assertThat(overdue).isNotEmpty();
			assertThat(overdue.get(0).getText()).contains(message("reserveReport.overdue", language),
					month(recognisedIn, language), day(calendar.dueDay(recognisedIn), language));
			assertThat(browser.driver.findElement(By.cssSelector("#reserve-reports .report-due-next")).getText())
				.contains(month(nextDue(), language), day(calendar.dueDay(nextDue()), language));
			browser.capture(language, "130-case-reserve-reports-overdue");

			browser.go("/applications?lang=" + language);
			WebElement row = browser.driver
				.findElement(By.xpath("//tr[td/a[normalize-space()='" + supervised.reference() + "']]"));
			assertThat(row.findElement(By.className("report-overdue")).getText())
				.contains(month(recognisedIn, language));
			browser.capture(language, "131-applications-report-overdue");
		}
	}

	@Test
	void theIssuerFilesAMonthsReportThroughTheFormAndSeesItsChecks() {
		YearMonth lastMonth = YearMonth.from(today).minusMonths(1);
		browser.logIn("issuer");
		for (String language : LANGUAGES) {
			browser.go("/cases/" + supervised.id() + "?lang=" + language);
			browser.clickAndWait(By.cssSelector("#reserve-reports a[href$='/reserve-reports/new']"));
			browser.capture(language, "132-reserve-report-form");
			fillIn(supervised, lastMonth, "1050000000.00");
			browser.clickAndWait(By.cssSelector("form.reserve-report-form button[value=file]"));

			assertThat(browser.driver.getCurrentUrl()).contains("/cases/" + supervised.id());
			assertThat(browser.text()).contains(message("reserveReport.filed", language));
			WebElement checks = browser.driver.findElement(By.cssSelector("details.reserve-report-checks[open]"));
			assertThat(checks.findElement(By.tagName("summary")).getText()).contains(month(lastMonth, language));
			assertThat(checks.getText()).contains(message("check.RESERVE_COVERAGE", language), "1.050000",
					message("preScreen.result.PASSED", language));
			assertThat(browser.now(By.cssSelector("details.reserve-report-checks[open] .badge.flag"))).isEmpty();
			WebElement row = reportRow(lastMonth, language);
			assertThat(row.getText()).contains("105.00", message("reserveReport.noFlags", language));
			browser.capture(language, "133-reserve-report-filed");
		}
	}

	@Test
	void aReportWhoseReservesFallShortShowsItsFlagWithItsValueAndThreshold() {
		YearMonth overdueMonth = recognisedIn.plusMonths(1);
		browser.logIn("issuer");
		for (String language : LANGUAGES) {
			browser.go("/cases/" + shortOfReserves.id() + "/reserve-reports/new?lang=" + language);
			fillIn(shortOfReserves, overdueMonth, "900000000.00");
			browser.clickAndWait(By.cssSelector("form.reserve-report-form button[value=file]"));

			WebElement flags = reportRow(overdueMonth, language).findElement(By.className("report-flags"));
			assertThat(flags.getText()).contains(message("flag.UNDER_BACKED", language), "0.900000", "1.00");
			WebElement checks = browser.driver.findElement(By.cssSelector("details.reserve-report-checks[open]"));
			assertThat(checks.getText()).contains(message("preScreen.result.FAILED", language));
			// filed, if late: the month is no longer overdue
			assertThat(browser.now(By.cssSelector("#reserve-reports .report-overdue")))
				.noneSatisfy(item -> assertThat(item.getText()).contains(messages.getMessage(
						"reserveReport.overdueSince",
						new Object[] { month(overdueMonth, language), day(calendar.dueDay(overdueMonth), language) },
						Locale.forLanguageTag(language))));
			browser.capture(language, "134-reserve-report-flagged");
		}
	}

	@Test
	void aRefusedReportComesBackWithEachMessageBesideItsFieldAndNothingStored() {
		long before = reports();
		browser.logIn("issuer");
		for (String language : LANGUAGES) {
			browser.go("/cases/" + supervised.id() + "/reserve-reports/new?lang=" + language);
			// this month is not over yet, and a supply of nothing backs nothing
			fillIn(supervised, YearMonth.from(today), "1050000000.00");
			browser.type(By.id("reserves.asOf"), YearMonth.from(today).atDay(1).toString());
			browser.type(By.id("outstandingSupply"), "-1");
			browser.clickAndWait(By.cssSelector("form.reserve-report-form button[value=file]"));

			browser.assertRefusedNextToField("period", YearMonth.from(today).toString());
			browser.assertRefusedNextToField("outstandingSupply", "-1");
			assertThat(browser.value("reserves.assets[0].custodian")).isEqualTo("Custody Bank A");
			assertThat(browser.driver.findElement(By.cssSelector(".notice.error")).getText()).isNotBlank();
			browser.capture(language, "135-reserve-report-refused");
		}
		assertThat(reports()).isEqualTo(before);
	}

	@Test
	void theIssuerSurrendersARecognitionFromItsConfirmationPage() {
		browser.logIn("issuer");
		for (String language : LANGUAGES) {
			browser.go("/cases/" + toSurrender.id() + "?lang=" + language);
			browser.clickAndWait(By.cssSelector("#reserve-reports a[href$='/surrender']"));
			assertThat(browser.driver.findElement(By.tagName("h1")).getText()).contains(toSurrender.reference());
			browser.capture(language, "136-surrender-confirm");
		}
		browser.go("/cases/" + toSurrender.id() + "/surrender?lang=en");
		browser.type(By.id("reasons"), "We leave the Japanese market.");
		browser.clickAndWait(By.cssSelector("form button.danger"));

		assertThat(browser.text()).contains(message("surrender.done", "en"));
		assertThat(jdbc.sql("SELECT status FROM app.register_entry WHERE reference = ?")
			.param(toSurrender.reference())
			.query(String.class)
			.single()).isEqualTo("SURRENDERED");
		assertThat(browser.now(By.cssSelector("a[href$='/surrender']"))).isEmpty();
		assertThat(browser.now(By.cssSelector("a[href$='/reserve-reports/new']"))).isEmpty();
		browser.capture("en", "137-surrendered");
	}

	/**
	 * The form as an issuer fills it in: 1,000,000,000 outstanding, reserves in cash and
	 * a bill, attested on the month's last day, a prompt month.
	 */
	private void fillIn(ApiClient.Case of, YearMonth month, String reserves) {
		String end = month.atEndOfMonth().toString();
		browser.type(By.id("period"), month.toString());
		browser.type(By.id("outstandingSupply"), "1000000000.00");
		browser.type(By.id("reserves.asOf"), end);
		new Select(browser.driver.findElement(By.id("reserves.assets[0].assetClass"))).selectByValue("CASH");
		browser.type(By.id("reserves.assets[0].amount"),
				new java.math.BigDecimal(reserves).subtract(new java.math.BigDecimal("350000000.00")).toPlainString());
		browser.type(By.id("reserves.assets[0].currency"), "USD");
		browser.type(By.id("reserves.assets[0].custodian"), "Custody Bank A");
		// a second row, added as the wizard adds one, keeping what was typed
		browser.clickAndWait(By.cssSelector("form.reserve-report-form button[value=add]"));
		assertThat(browser.value("reserves.assets[0].custodian")).isEqualTo("Custody Bank A");
		new Select(browser.driver.findElement(By.id("reserves.assets[1].assetClass"))).selectByValue("GOVERNMENT_BILL");
		browser.type(By.id("reserves.assets[1].amount"), "350000000.00");
		browser.type(By.id("reserves.assets[1].currency"), "USD");
		browser.type(By.id("reserves.assets[1].custodian"), "Custody Bank B");
		browser.type(By.id("reserves.assets[1].maturity"), month.plusMonths(2).atEndOfMonth().toString());
		browser.type(By.id("attestationDate"), end);
		browser.driver.findElement(By.id("file"))
			.sendKeys(Fixtures
				.writeTemp("attestation-" + month + ".pdf",
						Fixtures.pdf(of.reference() + " attestation " + month + " " + System.nanoTime()))
				.toString());
		browser.type(By.id("redemptions.count"), "12");
		browser.type(By.id("redemptions.amount"), "2500000.00");
		browser.type(By.id("redemptions.longestBusinessDays"), "2");
	}

	/** The row of the month's latest report in the list of filed reports. */
	private WebElement reportRow(YearMonth month, String language) {
		List<WebElement> rows = browser.driver
			.findElements(By.xpath("//table[contains(@class,'reserve-report-list')]//tr[th[normalize-space()='"
					+ month(month, language) + "']]"));
		assertThat(rows).isNotEmpty();
		return rows.get(rows.size() - 1);
	}

	/**
	 * The month due next: the third after recognition (last month), unless it is already
	 * overdue or filed (by the filing test, if it ran first); then this month.
	 */
	private YearMonth nextDue() {
		YearMonth third = recognisedIn.plusMonths(2);
		boolean filed = jdbc
			.sql("SELECT count(*) FROM app.reserve_report WHERE application_id = ?::uuid AND period = ?")
			.params(supervised.id(), third.toString())
			.query(Long.class)
			.single() > 0;
		return filed || calendar.isOverdue(third, today) ? recognisedIn.plusMonths(3) : third;
	}

	private long reports() {
		return jdbc.sql("SELECT count(*) FROM app.reserve_report WHERE application_id = ?::uuid")
			.param(supervised.id())
			.query(Long.class)
			.single();
	}

	private String month(YearMonth month, String language) {
		return DateTimeFormatter.ofPattern(message("format.month", language), Locale.forLanguageTag(language))
			.format(month);
	}

	private String day(LocalDate day, String language) {
		return DateTimeFormatter.ofPattern(message("format.date", language), Locale.forLanguageTag(language))
			.format(day);
	}

	private String message(String key, String language) {
		return messages.getMessage(key, null, Locale.forLanguageTag(language));
	}

	private ApiClient.Case recognised() {
		ApiClient intake = new ApiClient(rest, "intake");
		ApiClient backing = new ApiClient(rest, "backing");
		ApiClient cooperation = new ApiClient(rest, "cooperation");
		ApiClient decision = new ApiClient(rest, "decision");
		ApiClient.Case submitted = new ApiClient(rest, "issuer").submitCanonicalFrom(Fixtures.EQUIVALENT_HOME);
		intake.complete(intake.taskId(submitted.reference(), "checkCompleteness"), "{\"complete\": true}");
		backing.complete(backing.taskId(submitted.reference(), "reviewBacking"), "{\"outcome\": \"SATISFACTORY\"}");
		cooperation.complete(cooperation.taskId(submitted.reference(), "requestHomeConfirmation"), "{\"sent\": true}");
		cooperation.complete(cooperation.taskId(submitted.reference(), "recordHomeReply"),
				"{\"confirmed\": true, \"arrangement\": \"MOU\", \"reference\": \"MOU-SCREENS\"}");
		assertThat(decision
			.complete(decision.taskId(submitted.reference(), "decide"),
					"{\"decision\": \"APPROVE\", \"reasons\": \"All in order.\"}")
			.status()).isEqualTo(200);
		return submitted;
	}

}
