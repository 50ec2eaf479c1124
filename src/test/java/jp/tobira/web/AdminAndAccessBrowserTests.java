package jp.tobira.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import jp.tobira.api.ApiClient;

/**
 * The admin's screens, and who may open what: per role, the screens of others are
 * refused.
 */
class AdminAndAccessBrowserTests extends BrowserTest {

	@Test
	void letsTheAdminVerifyTheChainAndEditTheTables() {
		browser.logIn("admin");
		for (String language : List.of("en", "ja")) {
			browser.go("/admin?lang=" + language);
			browser.capture(language, "50-admin-overview");
			browser.go("/admin/audit");
			browser.clickAndWait(By.cssSelector("form[action$='verify'] button"));
			assertThat(browser.text()).contains(language.equals("en") ? "The chain is intact" : "チェーンは正常です");
			browser.capture(language, "51-admin-audit-verified");
			browser.go("/admin/jurisdictions");
			browser.capture(language, "52-admin-jurisdictions");
			browser.go("/admin/holidays");
			browser.capture(language, "53-admin-holidays");
			browser.go("/dashboard");
			Object drawn = ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript(
					"return Array.from(document.querySelectorAll('canvas')).filter(c => Chart.getChart(c)).length");
			assertThat(drawn).as("charts drawn by Chart.js from the local WebJar").isEqualTo(5L);
			browser.capture(language, "54-dashboard");
		}
		browser.go("/admin/jurisdictions?lang=en");
		browser.driver.findElement(By.name("code")).sendKeys("NZ");
		browser.driver.findElement(By.name("name")).sendKeys("New Zealand");
		browser.clickAndWait(By.cssSelector("form[action$='jurisdictions'] button"));
		assertThat(browser.text()).contains("Saved", "New Zealand");
		// the list shows each payload abbreviated, and a jurisdiction's entry (the row
		// before and after, with their determinations) is longer than that: the export
		// carries it whole
		browser.go("/admin/audit?kind=CONFIGURATION_CHANGED&lang=en");
		assertThat(browser.text()).contains("\"name\":\"New Zealand\"");
		String export = browser.driver.findElement(By.cssSelector(".actions a[href*='audit.csv']"))
			.getAttribute("href");
		String csv = rest.withBasicAuth("admin", "demo")
			.getForObject(export.substring(export.indexOf("/admin/")), String.class);
		assertThat(csv).contains("\"\"code\"\":\"\"NZ\"\"", "\"\"determinedOn\"\":null");
	}

	@Test
	void refusesAJurisdictionNextToItsFieldsAndSavesACorrectedOne() {
		browser.logIn("admin");
		for (String language : List.of("en", "ja")) {
			String code = language.equals("en") ? "FJ" : "TO";
			browser.go("/admin/jurisdictions?lang=" + language);
			type("j-code", "ZZ");
			type("j-name", "Nowhere Islands");
			type("j-note", "Typed note");
			browser.clickAndWait(By.cssSelector("form[action$='jurisdictions'] button"));
			browser.assertRefusedNextToField("j-code", "ZZ");
			assertThat(browser.value("j-name")).isEqualTo("Nowhere Islands");
			assertThat(browser.value("j-note")).isEqualTo("Typed note");
			browser.capture(language, "80-admin-jurisdiction-error");
			type("j-code", code);
			browser.clickAndWait(By.cssSelector("form[action$='jurisdictions'] button"));
			assertThat(browser.driver.getCurrentUrl()).endsWith("/admin/jurisdictions");
			assertThat(browser.text()).contains(language.equals("en") ? "Saved" : "保存しました", "Nowhere Islands");
			browser.capture(language, "81-admin-jurisdiction-saved");
		}
		browser.go("/?lang=en");
	}

	@Test
	void addsAndRemovesAHolidayWithAnAuditEntryAndExportsTheFilteredLog() {
		browser.logIn("admin");
		for (String language : List.of("en", "ja")) {
			String day = language.equals("en") ? "2028-02-01" : "2028-02-02";
			browser.go("/admin/holidays?lang=" + language);
			// a day that is a holiday already: refused next to the day, the names typed
			// still there
			type("h-day", "2027-01-01");
			type("h-nameEn", "Tobira test day");
			type("h-nameJa", "扉テストの日");
			browser.clickAndWait(By.cssSelector("form[action$='/admin/holidays'] button"));
			browser.assertRefusedNextToField("h-day", "2027-01-01");
			assertThat(browser.value("h-nameEn")).isEqualTo("Tobira test day");
			assertThat(browser.value("h-nameJa")).isEqualTo("扉テストの日");
			browser.capture(language, "82-admin-holiday-error");

			type("h-day", day);
			browser.clickAndWait(By.cssSelector("form[action$='/admin/holidays'] button"));
			assertThat(browser.driver.getCurrentUrl()).endsWith("/admin/holidays");
			assertThat(browser.text()).contains(language.equals("en") ? "Saved" : "保存しました", "Tobira test day");
			assertThat(browser.driver.findElements(By.cssSelector("input[name=day][value='" + day + "']"))).hasSize(1);
			browser.capture(language, "83-admin-holiday-added");

			browser.clickAndWait(By.cssSelector("form:has(input[name=day][value='" + day + "']) button"));
			assertThat(browser.text()).contains(language.equals("en") ? "Saved" : "保存しました");
			assertThat(browser.now(By.cssSelector("input[name=day][value='" + day + "']"))).isEmpty();
			browser.capture(language, "84-admin-holiday-removed");

			browser.go("/admin/audit?kind=CONFIGURATION_CHANGED&actor=admin");
			assertThat(browser.text()).contains("\"table\":\"holiday\"", "\"change\":\"added\"",
					"\"change\":\"removed\"", "\"day\":\"" + day + "\"");
			browser.capture(language, "85-admin-audit-filtered");
			String export = browser.driver.findElement(By.cssSelector(".actions a[href*='audit.csv']"))
				.getAttribute("href");
			assertThat(export).contains("kind=CONFIGURATION_CHANGED", "actor=admin");
			String csv = rest.withBasicAuth("admin", "demo")
				.getForObject(export.substring(export.indexOf("/admin/")), String.class);
			assertThat(csv).startsWith("seq,occurred_at,actor,case_reference,kind,payload,previous_hash,hash")
				.contains("\"\"day\"\":\"\"" + day + "\"\"")
				.doesNotContain("APPLICATION_CREATED");
		}
		browser.go("/?lang=en");
	}

	private void type(String id, String text) {
		browser.type(By.id(id), text);
	}

	@Test
	void keepsEachRoleToItsOwnScreens() {
		ApiClient.Case submitted = new ApiClient(rest, "issuer").submitCanonical();
		String id = submitted.id();
		String reference = submitted.reference();
		String intakeTask = new ApiClient(rest, "intake").taskId(reference, "checkCompleteness");

		browser.logIn("issuer");
		browser.go("/tasks?lang=en");
		assertThat(browser.text()).contains("Not allowed");
		browser.go("/tasks/" + intakeTask);
		assertThat(browser.text()).contains("Not allowed");
		browser.go("/admin");
		assertThat(browser.text()).contains("Not allowed");

		browser.logIn("issuer2");
		browser.go("/cases/" + id + "?lang=en");
		assertThat(browser.text()).contains("Not found").doesNotContain(reference);

		browser.logIn("backing");
		browser.go("/tasks/" + intakeTask + "?lang=en");
		assertThat(browser.text()).contains("Not allowed").doesNotContain("Is the application complete?");
		browser.go("/admin");
		assertThat(browser.text()).contains("Not allowed");
		browser.go("/camunda/app/cockpit/");
		assertThat(browser.driver.getPageSource()).doesNotContain("Cockpit</title>");

		browser.logIn("intake");
		browser.go("/tasks/" + intakeTask + "?lang=en");
		assertThat(browser.text()).contains("Is the application complete?");
		browser.go("/?lang=en");
	}

}
