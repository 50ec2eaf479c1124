package jp.tobira.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;

import jp.tobira.Fixtures;
import jp.tobira.api.ApiClient;
import jp.tobira.cooperation.EquivalenceStatus;
import jp.tobira.cooperation.Jurisdictions;

/**
 * The legal gate of the home framework (issue 10) as the decision-maker meets it: a case
 * from a framework under assessment reaches the decision, the task screen says in English
 * and in Japanese that the framework gate fails, an approval is refused with the gate
 * named and the task left open; once the admin records the determination that judges the
 * framework equivalent (refused first without it, beside the field), the same approval
 * passes. Every screen is scanned by axe.
 */
class GateRefusalBrowserTests extends BrowserTest {

	/** Norway: judged by no other test, so this class may judge it as it needs. */
	static final String HOME = "NO";

	static final String CONFIRMED = "{\"confirmed\": true, \"arrangement\": \"MOU\", \"reference\": \"MOU-NO\"}";

	private final MessageSource messages;

	private final Jurisdictions jurisdictions;

	@Autowired
	GateRefusalBrowserTests(MessageSource messages, Jurisdictions jurisdictions) {
		this.messages = messages;
		this.jurisdictions = jurisdictions;
	}

	@Test
	void refusesTheApprovalNamingTheFrameworkGateInBothLanguagesUntilTheFrameworkIsJudgedEquivalent() {
		jurisdictions.set("admin", HOME, "Norway", EquivalenceStatus.UNDER_ASSESSMENT, null, null,
				"gate refusal browser test");
		ApiClient.Case submitted = atDecision();
		ApiClient decision = new ApiClient(rest, "decision");
		String decide = decision.taskId(submitted.reference(), "decide");

		browser.logIn("decision");
		for (String language : List.of("en", "ja")) {
			String gate = msg(language, "gates.framework", HOME, msg(language, "equivalence.UNDER_ASSESSMENT"));
			browser.go("/tasks/" + decide + "?lang=" + language);
			assertThat(browser.driver.findElement(By.id("legal-gates")).getText())
				.as("said before the form is filled in")
				.contains(gate);
			browser.capture(language, "86-task-decide-gate-fails");

			click("input[name=decision][value=APPROVE]");
			browser.type(By.id("reasons"), "All in order.");
			submit();
			assertThat(browser.driver.getCurrentUrl()).as("back on the task").contains("/tasks/" + decide);
			// the refusal itself, not the warning the screen gave before
			assertThat(browser.now(By.id("legal-gates"))).isEmpty();
			assertThat(browser.driver.findElement(By.cssSelector("main p.notice.error[role=alert]")).getText())
				.contains(submitted.reference(), gate);
			assertThat(browser.text()).doesNotContain(msg(language, "task.completed"));
			assertThat(decision.taskId(submitted.reference(), "decide")).as("the task is still open").isEqualTo(decide);
			browser.capture(language, "87-task-decide-gate-refused");
		}
		assertThat(status(submitted)).isEqualTo("IN_REVIEW");

		// the admin judges the framework equivalent: refused without the determination,
		// beside its field, then saved with it and shown in the jurisdiction's history
		browser.logIn("admin").go("/admin/jurisdictions?lang=en");
		browser.type(By.id("j-code"), HOME);
		browser.type(By.id("j-name"), "Norway");
		new Select(browser.driver.findElement(By.id("j-status"))).selectByValue("EQUIVALENT");
		browser.type(By.id("j-determinationReference"), "FSA determination 2026-0777");
		browser.clickAndWait(By.cssSelector("form[action$='jurisdictions'] button"));
		browser.assertRefusedNextToField("j-determinedOn", "");
		assertThat(browser.driver.findElement(By.id("j-determinedOn-error")).getText())
			.contains(msg("en", "problem.determinationRequired"));
		assertThat(browser.value("j-determinationReference")).isEqualTo("FSA determination 2026-0777");
		assertThat(jurisdictions.statusOf(HOME)).isEqualTo(EquivalenceStatus.UNDER_ASSESSMENT);
		browser.capture("en", "88-admin-jurisdiction-determination-missing");
		browser.type(By.id("j-determinedOn"), LocalDate.of(2026, 4, 12).toString());
		browser.clickAndWait(By.cssSelector("form[action$='jurisdictions'] button"));
		assertThat(browser.text()).contains(msg("en", "admin.saved"), "FSA determination 2026-0777");
		browser.driver.findElement(By.cssSelector("#history-" + HOME + " summary")).click();
		assertThat(browser.driver.findElement(By.id("history-" + HOME)).getText()).contains(
				"FSA determination 2026-0777", msg("en", "equivalence.EQUIVALENT"),
				msg("en", "equivalence.UNDER_ASSESSMENT"));
		browser.capture("en", "89-admin-jurisdiction-determined");

		// the same approval now passes
		browser.logIn("decision").go("/tasks/" + decide + "?lang=en");
		assertThat(browser.now(By.id("legal-gates"))).isEmpty();
		click("input[name=decision][value=APPROVE]");
		browser.type(By.id("reasons"), "All in order.");
		submit();
		assertThat(browser.text()).contains(msg("en", "task.completed"));
		assertThat(status(submitted)).isEqualTo("APPROVED");
		browser.go("/?lang=en");
	}

	/**
	 * Complete, backing reviewed, the home regulator asked and answered: at the decision.
	 */
	private ApiClient.Case atDecision() {
		ApiClient.Case submitted = new ApiClient(rest, "issuer").submit(Fixtures.exampleJsonFrom(HOME));
		ApiClient intake = new ApiClient(rest, "intake");
		ApiClient backing = new ApiClient(rest, "backing");
		ApiClient cooperation = new ApiClient(rest, "cooperation");
		expectOk(intake.complete(intake.taskId(submitted.reference(), "checkCompleteness"), "{\"complete\": true}"));
		// the framework under assessment is flagged, which the backing reviewer does not
		// judge: concerns, so the review needs no overruling
		expectOk(backing.complete(backing.taskId(submitted.reference(), "reviewBacking"),
				"{\"outcome\": \"CONCERNS\", \"findings\": \"Attestations to be watched.\"}"));
		expectOk(cooperation.complete(cooperation.taskId(submitted.reference(), "requestHomeConfirmation"),
				"{\"sent\": true}"));
		expectOk(cooperation.complete(cooperation.taskId(submitted.reference(), "recordHomeReply"), CONFIRMED));
		return submitted;
	}

	private String status(ApiClient.Case submitted) {
		return new ApiClient(rest, "issuer").get("/api/v1/applications/" + submitted.id())
			.json()
			.get("status")
			.asText();
	}

	private String msg(String language, String key, Object... args) {
		return messages.getMessage(key, args, Locale.forLanguageTag(language));
	}

	private void click(String css) {
		browser.driver.findElement(By.cssSelector(css)).click();
	}

	private void submit() {
		browser.clickAndWait(By.cssSelector(".task-form button[type=submit]"));
	}

	private static void expectOk(ApiClient.Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
	}

}
