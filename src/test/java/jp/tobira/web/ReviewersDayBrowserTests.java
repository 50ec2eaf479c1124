package jp.tobira.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;

import jp.tobira.api.ApiClient;

/**
 * A reviewer's day in a real browser, in English and Japanese, each screen scanned for
 * accessibility problems: a note written on the task screen is listed with its author and
 * shows in the task's and the case's history, and never on the issuer's page; on the task
 * list, {@code ?} opens the keyboard help and Esc closes it, j and k move through the
 * rows without touching what is typed in a field, c claims the selected task and Enter
 * opens it.
 */
class ReviewersDayBrowserTests extends BrowserTest {

	@Autowired
	MessageSource messages;

	@Test
	void aNoteWrittenOnTheTaskScreenShowsInTheHistoryTabsAndNeverToTheIssuer() {
		ApiClient issuer = new ApiClient(rest, "issuer");
		ApiClient intake = new ApiClient(rest, "intake");
		for (String language : List.of("en", "ja")) {
			ApiClient.Case submitted = issuer.submitCanonical();
			String task = intake.taskId(submitted.reference(), "checkCompleteness");
			String text = "Called the intermediary about the trust deed (" + language + ").";
			browser.logIn("intake");
			browser.go("/tasks/" + task + "?lang=" + language);
			browser.type(By.id("note-text"), text);
			browser.clickAndWait(By.cssSelector("form.note-form button[type=submit]"));

			assertThat(browser.driver.findElement(By.cssSelector("p.notice[role=status]")).getText())
				.isEqualTo(message("notes.added", language));
			WebElement note = browser.driver.findElement(By.cssSelector("#notes .notes-list li"));
			assertThat(note.findElement(By.className("note-text")).getText()).isEqualTo(text);
			assertThat(note.findElement(By.className("note-meta")).getText()).contains("intake");

			browser.driver.findElement(By.cssSelector(".section-tabs a[href='#history']")).click();
			assertThat(browser.driver.getCurrentUrl()).endsWith("#history");
			List<String> history = browser.driver.findElements(By.cssSelector("#history ol.timeline > li"))
				.stream()
				.map(WebElement::getText)
				.toList();
			assertThat(history).as("newest first, in the reader's language").hasSize(2);
			assertThat(history.get(0)).contains(message("audit.NOTE_ADDED", language), "intake", text);
			assertThat(history.get(1)).contains(message("audit.TASK_CREATED", language), "system");
			browser.capture(language, "30-task-note-history");

			browser.go("/cases/" + submitted.id() + "?lang=" + language);
			assertThat(browser.driver.findElement(By.cssSelector("#notes .note-text")).getText()).isEqualTo(text);
			assertThat(browser.driver.findElement(By.cssSelector("#history ol.timeline > li")).getText())
				.contains(message("audit.NOTE_ADDED", language), text);
			browser.capture(language, "31-case-notes-history");

			browser.logIn("issuer");
			browser.go("/cases/" + submitted.id() + "?lang=" + language);
			assertThat(browser.text()).contains(submitted.reference()).doesNotContain(text);
			assertThat(browser.now(By.id("notes"))).isEmpty();
		}
		browser.go("/?lang=en");
	}

	@Test
	void theKeyboardOpensItsHelpMovesThroughTheRowsClaimsAndOpensATask() {
		ApiClient issuer = new ApiClient(rest, "issuer");
		for (String language : List.of("en", "ja")) {
			ApiClient.Case older = issuer.submitCanonical();
			ApiClient.Case newer = issuer.submitCanonical();
			browser.logIn("intake");
			browser.go("/tasks?queue=GROUPS&task=checkCompleteness&sort=SUBMITTED&desc=true&lang=" + language);
			List<WebElement> rows = rows();
			assertThat(reference(rows.get(0))).isEqualTo(newer.reference());
			assertThat(reference(rows.get(1))).isEqualTo(older.reference());

			WebElement help = browser.driver.findElement(By.id("keys-help"));
			WebElement button = browser.driver.findElement(By.id("keys-open"));
			assertThat(button.isDisplayed()).as("a visible way to the help").isTrue();
			assertThat(button.getText()).isEqualTo(message("keys.open", language));
			press("?");
			assertThat(help.getAttribute("open")).as("? opens the help").isNotNull();
			assertThat(active().getAttribute("id")).as("the focus in the dialog").isEqualTo("keys-close");
			assertThat(help.getText()).contains(message("keys.claim", language), message("keys.filter", language));
			browser.capture(language, "32-tasks-keyboard-help");
			press(Keys.ESCAPE);
			assertThat(help.getAttribute("open")).as("Esc closes it").isNull();
			button.click();
			assertThat(help.getAttribute("open")).isNotNull();
			browser.driver.findElement(By.id("keys-close")).click();
			assertThat(help.getAttribute("open")).isNull();
			assertThat(active().getAttribute("id")).as("the focus back on the button").isEqualTo("keys-open");

			press("j");
			assertThat(selected()).isEqualTo(newer.reference());
			assertThat(active().getText()).as("the focus on the row's link").isEqualTo(newer.reference());
			press("j");
			assertThat(selected()).isEqualTo(older.reference());
			press("k");
			assertThat(selected()).isEqualTo(newer.reference());
			press(Keys.ARROW_DOWN);
			assertThat(selected()).isEqualTo(older.reference());

			press("/");
			assertThat(active().findElement(By.xpath("ancestor::form")).getAttribute("class")).contains("filters");
			WebElement jurisdiction = browser.driver
				.findElement(By.cssSelector("form.filters input[name=jurisdiction]"));
			jurisdiction.click();
			press("jk");
			assertThat(jurisdiction.getAttribute("value")).as("typed, not taken as shortcuts").isEqualTo("jk");
			assertThat(selected()).isEqualTo(older.reference());
			assertThat(browser.driver.findElements(By.id("keys-help")).get(0).getAttribute("open")).isNull();
			jurisdiction.clear();
			((JavascriptExecutor) browser.driver).executeScript("document.activeElement.blur()");

			press("k");
			assertThat(selected()).isEqualTo(newer.reference());
			pressAndWait("c");
			assertThat(browser.driver.findElement(By.cssSelector("p.notice[role=status]")).getText())
				.isEqualTo(message("tasks.claimed", language));
			assertThat(assignee(newer)).as("claimed by the c key").isEqualTo("intake");
			assertThat(rows()).as("no longer waiting for the group")
				.noneMatch(row -> reference(row).equals(newer.reference()));

			press("j");
			assertThat(selected()).isEqualTo(rows().get(0).findElement(By.cssSelector("td a")).getText());
			String opened = selected();
			pressAndWait(Keys.ENTER);
			assertThat(browser.driver.getCurrentUrl()).contains("/tasks/");
			assertThat(browser.driver.findElement(By.cssSelector(".case-header h1 a")).getText()).isEqualTo(opened);
		}
		browser.go("/?lang=en");
	}

	private void press(CharSequence keys) {
		new Actions(browser.driver).sendKeys(keys).perform();
	}

	/** Presses keys that load a new page, and waits until the old one is gone. */
	private void pressAndWait(CharSequence keys) {
		WebElement html = browser.driver.findElement(By.tagName("html"));
		press(keys);
		var wait = new WebDriverWait(browser.driver, Duration.ofSeconds(15));
		wait.until(d -> stale(html));
		wait.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
	}

	private String assignee(ApiClient.Case submitted) {
		for (var task : new ApiClient(rest, "intake").get("/api/v1/tasks?size=200").json()) {
			if (task.get("reference").asText().equals(submitted.reference())) {
				return task.path("assignee").asText(null);
			}
		}
		throw new AssertionError("intake does not see the task of " + submitted.reference());
	}

	private WebElement active() {
		return browser.driver.switchTo().activeElement();
	}

	private List<WebElement> rows() {
		return browser.driver.findElements(By.cssSelector("table.tasks tbody tr"));
	}

	private static String reference(WebElement row) {
		return row.findElement(By.cssSelector("td a")).getText();
	}

	/** The reference of the row the keys selected, or null. */
	private String selected() {
		Object reference = ((JavascriptExecutor) browser.driver)
			.executeScript("var row = document.querySelector('table.tasks tbody tr.kbd-selected');"
					+ " return row ? row.querySelector('td a').textContent.trim() : null;");
		return (String) reference;
	}

	private static boolean stale(WebElement element) {
		try {
			element.isEnabled();
			return false;
		}
		catch (org.openqa.selenium.WebDriverException ex) {
			return true;
		}
	}

	private String message(String key, String language) {
		return messages.getMessage(key, null, Locale.forLanguageTag(language));
	}

}
