package jp.tobira.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;

import jp.tobira.api.ApiClient;

/**
 * Saved views and bulk actions on the task list in a real browser, in English and
 * Japanese, each screen scanned for accessibility problems: a view saved from the list
 * becomes a tab whose count is the number of rows it lists, and is deleted again; a bulk
 * claim of three tasks, one of them held by someone else, is summed up with the refused
 * one's reason; a view shared with a group is a tab for its other members (and no one
 * else). The views made here are removed after the class.
 */
class TaskViewsBrowserTests extends BrowserTest {

	@Autowired
	MessageSource messages;

	@Autowired
	JdbcTemplate jdbc;

	final String prefix = "browser-" + UUID.randomUUID().toString().substring(0, 8) + " ";

	@AfterAll
	void removeTheViews() {
		jdbc.update("DELETE FROM app.task_view WHERE name LIKE ?", prefix + "%");
	}

	@Test
	void savesTheListAsAViewThatBecomesATabWithItsCountAndDeletesIt() {
		browser.logIn("backing");
		for (String language : List.of("en", "ja")) {
			String name = prefix + language;
			browser.go("/tasks?queue=ALL&task=reviewBacking&sort=REFERENCE&lang=" + language);
			browser.type(By.id("view-name"), name);
			browser.clickAndWait(By.cssSelector("form.save-view button[type=submit]"));

			assertThat(notice()).isEqualTo(message("tasks.view.saved", language));
			WebElement tab = browser.driver.findElement(By.cssSelector(".tabs a[aria-current=page]"));
			assertThat(tab.findElement(By.className("view-name")).getText()).isEqualTo(name);
			long count = Long.parseLong(tab.findElement(By.className("count")).getText());
			assertThat(count).as("the tab counts what its list shows").isEqualTo(captionTotal());
			assertThat(browser.driver.getCurrentUrl()).contains("task=reviewBacking", "sort=REFERENCE");
			browser.capture(language, "28-task-view-saved");

			browser.go("/tasks?queue=GROUPS&lang=" + language);
			assertThat(browser.driver.findElements(By.xpath(viewTab(name)))).as("a tab on every visit").hasSize(1);
			browser.clickAndWait(By.xpath(viewTab(name)));
			browser.clickAndWait(By.cssSelector("form.delete-view button"));
			assertThat(notice()).isEqualTo(message("tasks.view.deleted", language));
			assertThat(browser.now(By.xpath(viewTab(name)))).isEmpty();
		}
		browser.go("/?lang=en");
	}

	@Test
	void aViewSharedWithAGroupIsATabForItsOtherMembers() {
		for (String language : List.of("en", "ja")) {
			String name = prefix + "shared " + language;
			browser.logIn("decision2");
			browser.go("/tasks?queue=GROUPS&task=reviewBacking&lang=" + language);
			browser.type(By.id("view-name"), name);
			new Select(browser.driver.findElement(By.id("view-shared"))).selectByValue("backing-review");
			browser.clickAndWait(By.cssSelector("form.save-view button[type=submit]"));
			assertThat(notice()).isEqualTo(message("tasks.view.saved", language));

			browser.logIn("backing");
			browser.go("/tasks?queue=GROUPS&lang=" + language);
			assertThat(browser.driver.findElements(By.xpath(viewTab(name))))
				.as("another member of backing-review sees it")
				.hasSize(1);
			browser.clickAndWait(By.xpath(viewTab(name)));
			assertThat(browser.driver.getCurrentUrl()).contains("task=reviewBacking");
			browser.capture(language, "28b-task-view-shared");
			assertThat(browser.now(By.cssSelector("form.delete-view button"))).as("only its owner deletes it")
				.isEmpty();

			browser.logIn("intake");
			browser.go("/tasks?queue=GROUPS&lang=" + language);
			assertThat(browser.now(By.xpath(viewTab(name)))).as("not shared with intake").isEmpty();
		}
		for (String user : List.of("decision2", "backing", "intake")) {
			browser.logIn(user);
			browser.go("/?lang=en");
		}
	}

	@Test
	void claimsSeveralTasksAtOnceAndReportsTheOneSomeoneElseHolds() {
		ApiClient issuer = new ApiClient(rest, "issuer");
		ApiClient intake = new ApiClient(rest, "intake");
		ApiClient decision2 = new ApiClient(rest, "decision2");
		browser.logIn("backing");
		for (String language : List.of("en", "ja")) {
			List<String> references = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				ApiClient.Case submitted = issuer.submitCanonical();
				intake.complete(intake.taskId(submitted.reference(), "checkCompleteness"), "{\"complete\": true}");
				references.add(submitted.reference());
			}
			String held = references.get(1);
			assertThat(decision2.post("/api/v1/tasks/" + decision2.taskId(held, "reviewBacking") + "/claim").status())
				.isEqualTo(200);

			browser.go("/tasks?queue=ALL&task=reviewBacking&sort=SUBMITTED&desc=true&lang=" + language);
			for (String reference : references) {
				browser.driver.findElement(By.xpath(row(reference) + "//input[@type='checkbox'][@name='taskIds']"))
					.click();
			}
			browser.clickAndWait(By.cssSelector("form#bulk button[value=claim]"));

			WebElement summary = browser.driver.findElement(By.cssSelector(".bulk-summary[role=status]"));
			assertThat(summary.findElement(By.tagName("p")).getText()).isEqualTo(messages.getMessage(
					"tasks.bulk.summary", new Object[] { message("tasks.bulk.action.CLAIM", language), 2, 1 },
					Locale.forLanguageTag(language)));
			List<WebElement> reasons = summary.findElements(By.tagName("li"));
			assertThat(reasons).singleElement()
				.satisfies(reason -> assertThat(reason.getText()).contains(held, "decision2"));
			assertThat(assignee(references.get(0))).isEqualTo("backing");
			assertThat(assignee(held)).as("the refused row unchanged").isEqualTo("decision2");
			assertThat(assignee(references.get(2))).isEqualTo("backing");
			browser.capture(language, "29-tasks-bulk-claimed");
		}
		browser.go("/?lang=en");
	}

	private String assignee(String reference) {
		return browser.driver.findElement(By.xpath(row(reference) + "/td[10]")).getText();
	}

	/** The total the list's caption states, its first number. */
	private long captionTotal() {
		List<WebElement> caption = browser.now(By.cssSelector("table.tasks caption"));
		return caption.isEmpty() ? 0 : Long.parseLong(caption.get(0).getText().replaceAll("\\D*(\\d+).*", "$1"));
	}

	private static String viewTab(String name) {
		return "//nav[contains(@class, 'tabs')]//a[span[@class='view-name'][normalize-space(text())='" + name + "']]";
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
