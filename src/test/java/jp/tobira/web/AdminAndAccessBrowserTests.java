package jp.tobira.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import jp.tobira.api.ApiClient;

/** The admin's screens, and who may open what: per role, the screens of others are refused. */
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
			assertThat(drawn).as("charts drawn by Chart.js from the local WebJar").isEqualTo(4L);
			browser.capture(language, "54-dashboard");
		}
		browser.go("/admin/jurisdictions?lang=en");
		browser.driver.findElement(By.name("code")).sendKeys("NZ");
		browser.driver.findElement(By.name("name")).sendKeys("New Zealand");
		browser.clickAndWait(By.cssSelector("form[action$='jurisdictions'] button"));
		assertThat(browser.text()).contains("Saved", "New Zealand");
		browser.go("/admin/audit?kind=CONFIGURATION_CHANGED&lang=en");
		assertThat(browser.text()).contains("\"code\":\"NZ\"");
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
