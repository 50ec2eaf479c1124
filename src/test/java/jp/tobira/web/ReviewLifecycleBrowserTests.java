package jp.tobira.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

import jp.tobira.Fixtures;

/**
 * One case carried through the review by clicking, as each reviewer would: the RFI
 * answered by the issuer on the case page, the checks, the four-eyes refusal, a decision
 * form refused with its error next to the field, the decision, and the register. Screens
 * are captured in English and Japanese.
 */
class ReviewLifecycleBrowserTests extends BrowserTest {

	@Autowired
	org.springframework.context.MessageSource messages;

	@Autowired
	jp.tobira.cooperation.Jurisdictions jurisdictions;

	String language;

	private String msg(String key, Object... args) {
		return messages.getMessage(key, args, java.util.Locale.forLanguageTag(language));
	}

	@org.junit.jupiter.params.ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(strings = { "en", "ja" })
	void carriesACaseThroughTheReviewByClicking(String language) {
		this.language = language;
		// the issuer fills in the canonical application and submits it, from a home
		// jurisdiction judged equivalent: the legal gates allow no approval otherwise
		jurisdictions.set("admin", Fixtures.EQUIVALENT_HOME, "Switzerland",
				jp.tobira.cooperation.EquivalenceStatus.EQUIVALENT, Fixtures.DETERMINED_ON, Fixtures.DETERMINATION,
				"test");
		browser.logIn("issuer");
		String reference = new CanonicalApplicationForm(browser, Fixtures.EQUIVALENT_HOME).fillAndSubmit(language);
		assertThat(browser.text()).contains(msg("form.submitted"), reference);
		String id = browser.driver.getCurrentUrl().replaceAll(".*/cases/([0-9a-f-]+).*", "$1");

		// intake asks for information
		browser.logIn("intake").go("/tasks?queue=GROUPS&lang=" + language);
		openTask(reference);
		browser.capture(language, "40-task-check-completeness");
		click("input[name=complete][value=false]");
		new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("verdict-AUDIT_REPORT")))
			.selectByValue("MISSING");
		type("#message", "The audit report is not signed.");
		submit();
		assertThat(browser.text()).contains(msg("task.completed"));

		// the issuer answers on the case page; a file that is not what its name says is
		// refused beside the file
		// field, with the answer and the chosen type kept
		browser.logIn("issuer").go("/cases/" + id + "?lang=" + language);
		type("#rfi-message", "Signed report attached.");
		browser.driver.findElement(By.id("rfi-file"))
			.sendKeys(Fixtures.writeTemp("audit-signed.pdf", "not a PDF".getBytes()).toString());
		new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("rfi-type")))
			.selectByValue("AUDIT_REPORT");
		browser.clickAndWait(By.cssSelector("form[action*='rfi-response'] button[type=submit]"));
		assertThat(browser.driver.findElement(By.id("rfi-file-error")).getText())
			.isEqualTo(msg("problem.contentMismatch", "audit-signed.pdf", "PDF", "text/plain"));
		assertThat(browser.driver.findElement(By.id("rfi-message")).getAttribute("value"))
			.isEqualTo("Signed report attached.");
		assertThat(new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("rfi-type")))
			.getFirstSelectedOption()
			.getAttribute("value")).isEqualTo("AUDIT_REPORT");
		browser.capture(language, "17-issuer-rfi-answer-error");
		type("#rfi-message", "Signed report attached.");
		browser.driver.findElement(By.id("rfi-file"))
			.sendKeys(Fixtures.writeTemp("audit-signed.pdf", Fixtures.pdf(reference + " signed audit")).toString());
		new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("rfi-type")))
			.selectByValue("AUDIT_REPORT");
		browser.clickAndWait(By.cssSelector("form[action*='rfi-response'] button[type=submit]"));
		assertThat(browser.text()).contains(msg("case.rfi.answered"));

		// intake accepts; decision2 (also a backing reviewer) reviews the backing
		browser.logIn("intake").go("/tasks?queue=GROUPS&lang=" + language);
		openTask(reference);
		click("input[name=complete][value=true]");
		submit();
		browser.logIn("decision2").go("/tasks?queue=GROUPS&lang=" + language);
		openTask(reference);
		browser.capture(language, "41-task-review-backing");
		// half-way through, the reviewer saves; the form is kept with the task
		new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("verdict-RESERVE_COVERAGE")))
			.selectByValue("ACCEPTABLE");
		browser.driver.findElement(By.name("checklist.RESERVE_COVERAGE.note")).sendKeys("1.01 on 31 Oct");
		browser.clickAndWait(By.cssSelector("button[formaction$='/save']"));
		browser.driver.get(browser.driver.getCurrentUrl().replaceAll("\\?.*", "") + "?lang=" + language);
		assertThat(browser.text()).contains(msg("task.savedForm"));
		assertThat(browser.driver.findElement(By.name("checklist.RESERVE_COVERAGE.note")).getAttribute("value"))
			.isEqualTo("1.01 on 31 Oct");
		click("input[name=outcome][value=SATISFACTORY]");
		submit();

		// cooperation sends the drafted request and records the reply
		browser.logIn("cooperation").go("/tasks?queue=GROUPS&lang=" + language);
		openTask(reference);
		assertThat(browser.text()).contains(msg("task.letter.title"),
				"New York State Department of Financial Services");
		browser.capture(language, "42-task-request-confirmation");
		String letterUrl = browser.driver.findElement(By.cssSelector("a[href*='confirmation-request.txt']"))
			.getAttribute("href");
		String letter = rest.withBasicAuth("cooperation", "demo")
			.getForObject(letterUrl.replaceAll("^https?://[^/]+", ""), String.class);
		assertThat(letter).contains("New York State Department of Financial Services", reference);
		click("input[name=sent]");
		submit();
		browser.go("/tasks?queue=GROUPS&lang=" + language);
		openTask(reference);
		click("input[name=confirmed][value=true]");
		new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("arrangement")))
			.selectByValue("MOU");
		type("#reference", "NYDFS-JFSA-2026");
		browser.capture(language, "43-task-record-reply");
		submit();

		// decision2 reviewed the backing: the four-eyes rule refuses them
		browser.logIn("decision2").go("/tasks?queue=GROUPS&lang=" + language);
		openTask(reference);
		assertThat(browser.text()).as("said before the form is filled in")
			.contains(msg("error.fourEyes", "decision2", reference,
					msg("task.named", msg("task.reviewBacking"), "reviewBacking")));
		click("input[name=decision][value=APPROVE]");
		type("#reasons", "In order.");
		submit();
		assertThat(browser.text()).contains(msg("error.fourEyes", "decision2", reference,
				msg("task.named", msg("task.reviewBacking"), "reviewBacking")));
		browser.capture(language, "44-decision-four-eyes-refusal");

		// decision decides; a missing condition is refused next to its field, what was
		// typed is kept
		browser.logIn("decision").go("/tasks?queue=GROUPS&lang=" + language);
		openTask(reference);
		browser.capture(language, "45-task-decide");
		click("input[name=decision][value=APPROVE_WITH_CONDITIONS]");
		type("#reasons", "Backing in order; attestations to be watched.");
		submit();
		assertThat(browser.driver.findElement(By.cssSelector("#conditions + .field-error")).getText())
			.isEqualTo(msg("problem.conditionsRequired"));
		assertThat(browser.driver.findElement(By.id("reasons")).getAttribute("value"))
			.isEqualTo("Backing in order; attestations to be watched.");
		browser.capture(language, "46-task-decide-error");
		type("#conditions", "Monthly reserve attestations to the supervisor.");
		submit();
		assertThat(browser.text()).contains(msg("task.completed"));

		// the register shows it, in both languages
		browser.driver.manage().deleteAllCookies();
		browser.go("/register?lang=" + language);
		assertThat(browser.text()).contains(msg("register.title"), reference, "Example Dollar",
				"Monthly reserve attestations");
		browser.capture(language, "47-register-with-token");

		// the issuer sees the decision and its letter
		browser.logIn("issuer").go("/cases/" + id + "?lang=" + language);
		assertThat(browser.text()).contains(msg("letter.outcome.APPROVE_WITH_CONDITIONS"));
		// the statutory clock of a decided case has stopped: its day, no due date
		String header = browser.driver.findElement(By.cssSelector(".case-header")).getText();
		String stopped = java.util.regex.Pattern.quote(msg("clock.stoppedAt", "DAY", "OF"))
			.replace("DAY", "\\E\\d+\\Q")
			.replace("OF", "\\E\\d+\\Q");
		assertThat(header).containsPattern(stopped);
		assertThat(browser.now(By.cssSelector(".case-header dl small"))).as("no due date").isEmpty();
		browser.capture(language, "48-issuer-case-decided");
		browser.go("/?lang=en");
	}

	private void openTask(String reference) {
		browser.clickAndWait(By.linkText(reference));
	}

	private void click(String css) {
		browser.driver.findElement(By.cssSelector(css)).click();
	}

	private void type(String css, String text) {
		browser.type(By.cssSelector(css), text);
	}

	private void submit() {
		browser.clickAndWait(By.cssSelector(".task-form button[type=submit]"));
	}

}
