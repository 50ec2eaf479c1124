package jp.tobira.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import jp.tobira.api.ApiClient;
import jp.tobira.security.Group;
import jp.tobira.security.Users;

/**
 * Follow-up dates and delegation while away in a real browser, in English and Japanese,
 * each screen scanned for accessibility problems: a reviewer sets a follow-up date on the
 * task they hold (a past day refused beside the field), the list shows it, and they clear
 * it; a reviewer names a delegate on "While I am away" (an overlapping period refused
 * beside the field), a task assigned to them then shows in the delegate's list as
 * delegated from them, and they end it. The reviewers of the delegation are made here,
 * and their delegations ended after the class.
 */
class FollowUpAndDelegationBrowserTests extends BrowserTest {

	@Autowired
	MessageSource messages;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Users users;

	@Autowired
	PasswordEncoder passwords;

	@Autowired
	Clock clock;

	final String suffix = UUID.randomUUID().toString().substring(0, 6);

	@AfterAll
	void endTheDelegations() {
		jdbc.update("UPDATE app.delegation SET ended_at = now() WHERE delegator LIKE ? AND ended_at IS NULL",
				"%-" + suffix);
	}

	@Test
	void setsAFollowUpDateOnTheTaskScreenSeesItInTheListAndClearsIt() {
		ApiClient issuer = new ApiClient(rest, "issuer");
		ApiClient intake = new ApiClient(rest, "intake");
		ApiClient backing = new ApiClient(rest, "backing");
		browser.logIn("backing");
		LocalDate today = LocalDate.now(clock);
		for (String language : List.of("en", "ja")) {
			ApiClient.Case submitted = issuer.submitCanonical();
			intake.complete(intake.taskId(submitted.reference(), "checkCompleteness"), "{\"complete\": true}");
			String review = backing.taskId(submitted.reference(), "reviewBacking");
			assertThat(backing.post("/api/v1/tasks/" + review + "/claim").status()).isEqualTo(200);

			browser.go("/tasks/" + review + "?lang=" + language);
			String past = today.minusDays(1).toString();
			browser.type(By.id("follow-up-date"), past);
			browser.clickAndWait(By.id("follow-up-set"));
			browser.assertRefusedNextToField("follow-up-date", past);

			String later = today.plusDays(7).toString();
			browser.type(By.id("follow-up-date"), later);
			browser.clickAndWait(By.id("follow-up-set"));
			assertThat(notice()).isEqualTo(message("followUp.set", language));
			assertThat(browser.driver.findElement(By.id("follow-up-current")).getText()).contains(later);
			browser.capture(language, "40-task-follow-up-set");

			browser.go("/tasks?queue=MINE&lang=" + language);
			assertThat(browser.now(By.xpath(row(submitted.reference())))).as("out of my tasks until then").isEmpty();
			browser.go("/tasks?queue=ALL&task=reviewBacking&sort=SUBMITTED&desc=true&lang=" + language);
			assertThat(browser.driver.findElement(By.xpath(row(submitted.reference()) + "//small[@class='follow-up']"))
				.getText()).contains(later);
			browser.capture(language, "41-tasks-follow-up-shown");

			browser.go("/tasks/" + review + "?lang=" + language);
			browser.clickAndWait(By.id("follow-up-clear"));
			assertThat(notice()).isEqualTo(message("followUp.cleared", language));
			assertThat(browser.driver.findElement(By.id("follow-up-current")).getText())
				.isEqualTo(message("followUp.none", language));
		}
		browser.go("/?lang=en");
	}

	@Test
	void namesADelegateWhileAwayWhoThenGetsTheTasksAssignedAndEndsIt() {
		ApiClient issuer = new ApiClient(rest, "issuer");
		ApiClient intake = new ApiClient(rest, "intake");
		ApiClient decision = new ApiClient(rest, "decision");
		LocalDate today = LocalDate.now(clock);
		for (String language : List.of("en", "ja")) {
			String aiko = user("aiko-" + language, "Aiko Tanaka", Group.BACKING_REVIEW);
			String ben = user("ben-" + language, "Ben Sato", Group.BACKING_REVIEW);
			browser.logIn(aiko);
			browser.go("/account/delegation?lang=" + language);
			assertThat(browser.driver.findElement(By.tagName("h1")).getText())
				.isEqualTo(message("delegation.title", language));
			new Select(browser.driver.findElement(By.id("d-delegate"))).selectByValue(ben);
			browser.type(By.id("d-from"), today.toString());
			browser.type(By.id("d-to"), today.plusDays(2).toString());
			browser.clickAndWait(By.cssSelector("main form button[type=submit]"));
			assertThat(notice()).isEqualTo(message("delegation.saved", language));
			assertThat(browser.driver.findElement(By.cssSelector("main table tbody")).getText()).contains("Ben Sato");
			browser.capture(language, "42-delegation-named");

			new Select(browser.driver.findElement(By.id("d-delegate"))).selectByValue(ben);
			String overlapping = today.plusDays(1).toString();
			browser.type(By.id("d-from"), overlapping);
			browser.type(By.id("d-to"), today.plusDays(4).toString());
			browser.clickAndWait(By.cssSelector("main form button[type=submit]"));
			browser.assertRefusedNextToField("d-from", overlapping);
			browser.capture(language, "43-delegation-overlap-refused");

			ApiClient.Case submitted = issuer.submitCanonical();
			intake.complete(intake.taskId(submitted.reference(), "checkCompleteness"), "{\"complete\": true}");
			String review = new ApiClient(rest, "decision2").taskId(submitted.reference(), "reviewBacking");
			assertThat(
					decision
						.postJson("/api/v1/tasks/bulk",
								"{\"action\": \"assign\", \"taskIds\": [\"%s\"], \"assignee\": \"%s\"}"
									.formatted(review, aiko))
						.status())
				.isEqualTo(200);
			browser.logIn(ben);
			browser.go("/tasks?queue=MINE&lang=" + language);
			assertThat(browser.driver
				.findElement(By.xpath(row(submitted.reference()) + "//small[@class='delegated-from']"))
				.getText())
				.isEqualTo(messages.getMessage("delegation.delegatedFrom", new Object[] { "Aiko Tanaka" },
						Locale.forLanguageTag(language)));
			browser.capture(language, "44-tasks-delegated-from");

			browser.logIn(aiko);
			browser.go("/account/delegation?lang=" + language);
			browser.clickAndWait(By.cssSelector("main table form button"));
			assertThat(notice()).isEqualTo(message("delegation.ended", language));
			assertThat(browser.now(By.cssSelector("main table"))).isEmpty();
		}
		browser.go("/?lang=en");
	}

	private String user(String name, String displayName, Group... groups) {
		String username = name + "-" + suffix;
		users.create(username, passwords.encode("demo"), displayName, null, Set.of(groups));
		return username;
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
