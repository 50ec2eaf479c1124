package jp.tobira.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;

import jp.tobira.Fixtures;
import jp.tobira.api.ApiClient;
import jp.tobira.security.Organisations;
import jp.tobira.worklist.web.TaskListPage;

/**
 * The task list in a real browser, in English and Japanese: claiming from the list into
 * "My tasks" and back, the filter form, and the second page of a long queue, each
 * captured and scanned for accessibility problems. The real case is Australian; the long
 * queue is forty made-up Australian cases of the backing reviewers, committed for this
 * class and removed after it.
 */
class TaskListBrowserTests extends BrowserTest {

	static final String FAKE = "EQ-2095-";

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Organisations organisations;

	@Autowired
	MessageSource messages;

	String reference;

	@BeforeAll
	void prepareCases() {
		ApiClient issuer = new ApiClient(rest, "issuer");
		ObjectNode content = Fixtures.example();
		((ObjectNode) content.get("issuer")).put("jurisdiction", "AU");
		((ObjectNode) content.get("token")).put("name", "Wattle Dollar").put("symbol", "WTD");
		JsonNode draft = issuer.postJson("/api/v1/applications", content.toString()).json();
		reference = draft.get("reference").asText();
		for (String type : ApiClient.REQUIRED_DOCUMENTS) {
			issuer.upload(draft.get("id").asText(), type, type.toLowerCase() + ".pdf",
					Fixtures.pdf(reference + " " + type), "application/pdf");
		}
		assertThat(issuer.post("/api/v1/applications/" + draft.get("id").asText() + "/submit").status()).isEqualTo(200);
		insertALongQueue();
	}

	@AfterAll
	void removeTheLongQueue() {
		jdbc.update("DELETE FROM public.act_ru_identitylink WHERE id_ LIKE 'browser-link-%'");
		jdbc.update("DELETE FROM public.act_ru_task WHERE id_ LIKE 'browser-task-%'");
		jdbc.update("DELETE FROM public.act_ru_execution WHERE id_ LIKE 'browser-pi-%'");
		jdbc.update(
				"DELETE FROM app.case_flag WHERE application_id IN (SELECT id FROM app.application WHERE reference LIKE ?)",
				FAKE + "%");
		jdbc.update("DELETE FROM app.application WHERE reference LIKE ?", FAKE + "%");
	}

	@Test
	void claimsFromTheListIntoMyTasksAndUnclaimsBack() {
		browser.logIn("intake");
		for (String language : List.of("en", "ja")) {
			browser.go("/tasks?queue=GROUPS&jurisdiction=AU&lang=" + language);
			browser.clickAndWait(By.xpath(row(reference) + "//form[contains(@action, '/claim')]/button"));
			assertThat(notice()).isEqualTo(message("tasks.claimed", language));
			browser.capture(language, "24-tasks-claimed");

			browser.go("/tasks?queue=MINE&lang=" + language);
			assertThat(browser.driver.findElements(By.xpath(row(reference)))).hasSize(1);
			assertThat(browser.driver.findElement(By.cssSelector(".tabs a[aria-current=page]")).getText())
				.contains(message("tasks.queue.MINE", language));
			browser.capture(language, "25-tasks-mine");

			browser.clickAndWait(By.xpath(row(reference) + "//form[contains(@action, '/unclaim')]/button"));
			assertThat(notice()).isEqualTo(message("tasks.unclaimed", language));
			assertThat(browser.now(By.xpath(row(reference)))).isEmpty();
		}
		browser.go("/?lang=en");
	}

	@Test
	void filtersWithTheFormAndMarksOverdueAndEscalatedRows() {
		browser.logIn("backing");
		for (String language : List.of("en", "ja")) {
			browser.go("/tasks?queue=ALL&lang=" + language);
			new Select(browser.driver.findElement(By.name("task"))).selectByValue("reviewBacking");
			WebElement jurisdiction = browser.driver.findElement(By.name("jurisdiction"));
			jurisdiction.clear();
			jurisdiction.sendKeys("au");
			browser.driver.findElement(By.cssSelector("input[name=overdue]")).click();
			browser.clickAndWait(By.cssSelector("form.filters button[type=submit]"));

			List<WebElement> rows = browser.driver.findElements(By.cssSelector("table.tasks tbody tr"));
			assertThat(rows).isNotEmpty().allSatisfy(row -> {
				assertThat(row.getAttribute("class")).contains("overdue");
				// the first cell is the bulk actions' checkbox
				assertThat(row.findElements(By.tagName("td")).get(4).getText()).isEqualTo("AU");
			});
			assertThat(rows).anySatisfy(row -> assertThat(row.getAttribute("class")).contains("overdue", "escalated"));
			assertThat(browser.driver.findElement(By.cssSelector("input[name=overdue]")).isSelected()).isTrue();
			browser.capture(language, "26-tasks-filtered");
		}
		browser.go("/?lang=en");
	}

	@Test
	void goesToTheSecondPageOfALongQueue() {
		browser.logIn("backing");
		for (String language : List.of("en", "ja")) {
			browser.go("/tasks?queue=GROUPS&jurisdiction=AU&sort=REFERENCE&lang=" + language);
			assertThat(browser.driver.findElements(By.cssSelector("table.tasks tbody tr")))
				.hasSize(TaskListPage.PAGE_SIZE);
			browser.clickAndWait(By.cssSelector(".pagination a[rel=next]"));
			assertThat(browser.driver.findElement(By.cssSelector(".pagination a[aria-current=page]")).getText())
				.isEqualTo("2");
			assertThat(browser.text()).contains(FAKE + "000026").doesNotContain(FAKE + "000025");
			assertThat(browser.driver.findElement(By.cssSelector(".pagination a[rel=prev]")).getAttribute("aria-label"))
				.isEqualTo(message("tasks.page.previous", language));
			browser.capture(language, "27-tasks-page-2");
		}
		browser.go("/?lang=en");
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

	/**
	 * Forty open Australian cases for the backing reviewers, some flagged, overdue or
	 * escalated.
	 */
	private void insertALongQueue() {
		jdbc.update("""
				INSERT INTO app.application (id, reference, organisation_id, status, stage, content, issuer_name,
				    jurisdiction, token_name, token_symbol, pegged_currency, created_by, created_at, updated_at,
				    submitted_at, version, process_instance_id, escalated_at)
				SELECT gen_random_uuid(), ? || lpad(i::text, 6, '0'), ?, 'IN_REVIEW', 'REVIEW', '{}'::jsonb,
				       'Southern Cross Issuer ' || i, 'AU', 'Southern Token ' || i, 'SC' || i, 'AUD', 'browser', now(),
				       now(), now() - (i % 50) * interval '1 day', 0, 'browser-pi-' || i,
				       CASE WHEN i % 7 = 0 THEN now() END
				FROM generate_series(1, 40) i
				""", FAKE, organisations.findByName("Example Trust Company, LLC").orElseThrow());
		jdbc.update(
				"""
						INSERT INTO public.act_ru_execution (id_, rev_, proc_inst_id_, business_key_, is_active_,
						    is_concurrent_, is_scope_, is_event_scope_, suspension_state_)
						SELECT 'browser-pi-' || i, 1, 'browser-pi-' || i, ? || lpad(i::text, 6, '0'), true, false, true, false, 1
						FROM generate_series(1, 40) i
						""",
				FAKE);
		jdbc.update("""
				INSERT INTO public.act_ru_task (id_, rev_, proc_inst_id_, name_, task_def_key_, due_date_, create_time_,
				    suspension_state_, priority_)
				SELECT 'browser-task-' || i, 1, 'browser-pi-' || i, 'Review backing and audit', 'reviewBacking',
				       now() + (i % 30 - 10) * interval '1 day', now(), 1, 50
				FROM generate_series(1, 40) i
				""");
		jdbc.update("""
				INSERT INTO public.act_ru_identitylink (id_, rev_, group_id_, type_, task_id_)
				SELECT 'browser-link-' || i, 1, 'backing-review', 'candidate', 'browser-task-' || i
				FROM generate_series(1, 40) i
				""");
		jdbc.update("""
				INSERT INTO app.case_flag (application_id, flag, rule, advice, raised_at)
				SELECT id, 'STALE_AUDIT', 'PS-4 audit age', 'browser test', now() FROM app.application
				WHERE reference LIKE ? AND right(reference, 1) IN ('2', '5')
				""", FAKE + "%");
	}

}
