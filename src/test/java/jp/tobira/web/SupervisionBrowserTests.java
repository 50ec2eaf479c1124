package jp.tobira.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.security.crypto.password.PasswordEncoder;

import jp.tobira.Fixtures;
import jp.tobira.api.ApiClient;
import jp.tobira.cooperation.EquivalenceStatus;
import jp.tobira.cooperation.Jurisdictions;
import jp.tobira.security.Group;
import jp.tobira.security.Users;

/**
 * The supervision's tasks in a real browser, in English and Japanese, each screen scanned
 * for accessibility problems: a flagged reserve report puts an assessment in the
 * supervisors' queue; its screen shows the report being assessed, refuses a form without
 * an outcome beside the field and takes a proposal to suspend; the proposer, who also
 * sits in the decision group, is told up front that they may not decide it and refused if
 * they try; another decision-maker suspends; a clean report then asks for a
 * reinstatement, which a third decides.
 */
class SupervisionBrowserTests extends BrowserTest {

	/**
	 * Of the supervision and the decision group both: the one the four-eyes rule bars.
	 */
	static final String PROPOSER = "supervisor-and-decider";

	@Autowired
	MessageSource messages;

	@Autowired
	Jurisdictions jurisdictions;

	@Autowired
	Users users;

	@Autowired
	PasswordEncoder passwords;

	@Autowired
	Clock clock;

	@BeforeAll
	void judgeTheHomeFrameworkEquivalentAndMakeTheProposer() {
		jurisdictions.set("admin", Fixtures.EQUIVALENT_HOME, "Switzerland", EquivalenceStatus.EQUIVALENT,
				Fixtures.DETERMINED_ON, Fixtures.DETERMINATION, "test");
		if (!users.exists(PROPOSER)) {
			users.create(PROPOSER, passwords.encode("demo"), "Supervisor who also decides", null,
					Set.of(Group.SUPERVISION, Group.DECISION));
		}
	}

	@Test
	void aFlaggedReportIsAssessedProposedRefusedToItsProposerSuspendedAndReinstated() {
		YearMonth month = YearMonth.now(clock).minusMonths(1);
		ApiClient issuer = new ApiClient(rest, "issuer");
		for (String language : List.of("en", "ja")) {
			ApiClient.Case approved = ApiClient.approvedCanonical(rest, Fixtures.EQUIVALENT_HOME);
			String reference = approved.reference();
			ApiClient.Response flagged = issuer.fileReserveReport(approved, Fixtures.underBackedReserveReport(month));
			assertThat(flagged.status()).as(flagged.toString()).isEqualTo(201);

			// the supervisors' queue, and their dashboard
			browser.logIn("supervisor");
			browser.go("/dashboard?lang=" + language);
			assertThat(browser.driver.findElement(By.id("reserve-reports")).getText())
				.contains(message("dashboard.reports.awaiting", language));
			assertThat(browser.driver.findElement(By.id("tokens-by-status")).getText())
				.contains(message("register.status.SUSPENDED", language));
			browser.capture(language, "56-dashboard-supervision");
			browser.go("/tasks?queue=GROUPS&task=assessReport&lang=" + language);
			assertThat(browser.driver.findElement(By.xpath(row(reference))).getText())
				.contains(message("task.assessReport", language));
			browser.capture(language, "50-supervision-queue");

			// the assessment: the report under assessment shown, a missing outcome
			// refused
			browser.logIn(PROPOSER);
			String assessment = new ApiClient(rest, PROPOSER).taskId(reference, "assessReport");
			browser.go("/tasks/" + assessment + "?lang=" + language);
			assertThat(browser.driver.findElement(By.tagName("h1")).getText()).contains(reference);
			String report = browser.driver.findElement(By.id("reserve-report")).getText();
			assertThat(report).contains(month.toString(), message("flag.UNDER_BACKED", language));
			assertThat(browser.driver.findElement(By.cssSelector(".case-header")).getText())
				.as("no statutory period after recognition")
				.doesNotContain(message("tasks.column.CLOCK", language));
			assertThat(browser.driver.findElement(By.tagName("main")).getText())
				.as("nor the application's pre-screen: the case page keeps it")
				.doesNotContain(message("case.checks", language), message("preScreen.rerun.store", language));
			browser.capture(language, "51-assess-report");
			browser.type(By.id("reasons"), "Reserves cover ninety per cent.");
			browser.clickAndWait(By.cssSelector(".task-form button.primary"));
			assertThat(browser.driver.findElement(By.id("outcome-error")).getText()).isNotBlank();
			assertThat(browser.driver.findElement(By.id("outcome-PROPOSE_SUSPENSION")).getAttribute("aria-invalid"))
				.isEqualTo("true");
			assertThat(browser.value("reasons")).isEqualTo("Reserves cover ninety per cent.");
			browser.capture(language, "52-assess-report-refused");
			browser.driver.findElement(By.id("outcome-PROPOSE_SUSPENSION")).click();
			browser.clickAndWait(By.cssSelector(".task-form button.primary"));
			assertThat(notice()).isEqualTo(message("task.completed", language));

			// the proposer is told before trying, and refused on trying
			String decision = new ApiClient(rest, "decision").taskId(reference, "decideSuspension");
			browser.go("/tasks/" + decision + "?lang=" + language);
			String fourEyes = browser.driver.findElement(By.cssSelector("p.notice.error[role=alert]")).getText();
			assertThat(fourEyes).contains(PROPOSER, reference, message("task.assessReport", language));
			browser.capture(language, "53-decide-suspension-four-eyes");
			browser.driver.findElement(By.id("decision-SUSPEND")).click();
			browser.type(By.id("reasons"), "My own proposal.");
			browser.clickAndWait(By.cssSelector(".task-form button.primary"));
			assertThat(browser.driver.findElement(By.cssSelector("p.notice.error[role=alert]")).getText())
				.isEqualTo(fourEyes);
			assertThat(register(reference).get("status").asText()).isEqualTo("RECOGNISED");

			// another decision-maker suspends
			browser.logIn("decision");
			browser.go("/tasks/" + decision + "?lang=" + language);
			assertThat(browser.now(By.cssSelector("p.notice.error[role=alert]"))).isEmpty();
			assertThat(browser.driver.findElement(By.id("reserve-report")).getText())
				.contains(message("flag.UNDER_BACKED", language));
			browser.capture(language, "54-decide-suspension");
			browser.driver.findElement(By.id("decision-SUSPEND")).click();
			browser.type(By.id("reasons"), "Reserves short of the supply.");
			browser.clickAndWait(By.cssSelector(".task-form button.primary"));
			assertThat(notice()).isEqualTo(message("task.completed", language));
			assertThat(register(reference).get("status").asText()).isEqualTo("SUSPENDED");

			// a clean report asks for the reinstatement
			ApiClient.Response clean = issuer.fileReserveReport(approved, Fixtures.cleanReserveReport(month));
			assertThat(clean.status()).as(clean.toString()).isEqualTo(201);
			browser.logIn("decision2");
			String reinstatement = new ApiClient(rest, "decision2").taskId(reference, "decideReinstatement");
			browser.go("/tasks/" + reinstatement + "?lang=" + language);
			assertThat(browser.driver.findElement(By.id("reserve-report")).getText()).contains(month.toString());
			browser.capture(language, "55-decide-reinstatement");
			browser.driver.findElement(By.id("reinstate-true")).click();
			browser.type(By.id("reasons"), "Corrected report shows full cover.");
			browser.clickAndWait(By.cssSelector(".task-form button.primary"));
			assertThat(notice()).isEqualTo(message("task.completed", language));
			assertThat(register(reference).get("status").asText()).isEqualTo("RECOGNISED");
		}
		browser.go("/?lang=en");
	}

	private JsonNode register(String reference) {
		for (JsonNode entry : new ApiClient(rest, null).get("/api/v1/register").json()) {
			if (entry.get("reference").asText().equals(reference)) {
				return entry;
			}
		}
		throw new AssertionError("no register entry for " + reference);
	}

	private static String row(String reference) {
		return "//table[contains(@class, 'tasks')]//tr[td/a[normalize-space(text())='" + reference + "']]";
	}

	private String notice() {
		return browser.driver.findElement(By.cssSelector("p.notice[role=status]")).getText();
	}

	private String message(String key, String language) {
		return messages.getMessage(key, null, Locale.forLanguageTag(language));
	}

}
