package jp.tobira.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import jp.tobira.api.ApiClient;

/**
 * The screens in a real browser, in English and Japanese: each is captured under
 * target/screenshots and scanned for serious accessibility problems, and the tests check
 * what a person would look for on it.
 */
class ScreensBrowserTests extends BrowserTest {

	String caseId;

	String reference;

	@BeforeAll
	void prepareACase() {
		ApiClient.Case submitted = new ApiClient(rest, "issuer").submitCanonical();
		caseId = submitted.id();
		reference = submitted.reference();
		ApiClient intake = new ApiClient(rest, "intake");
		intake.complete(intake.taskId(reference, "checkCompleteness"), "{\"complete\": false, \"missing\": "
				+ "[\"AUDIT_REPORT\"], \"message\": \"The audit report is not signed.\"}");
	}

	@Test
	void showsTheLogInPageInBothLanguages() {
		browser.driver.manage().deleteAllCookies();
		browser.go("/login?lang=en");
		assertThat(browser.text()).contains("Log in", "User name", "Password");
		browser.capture("en", "01-login");
		browser.go("/login?lang=ja");
		assertThat(browser.text()).contains("ログイン", "ユーザー名", "パスワード");
		browser.capture("ja", "01-login");
		browser.go("/login?lang=en");
	}

	@Test
	void refusesAWrongPasswordWithAMessage() {
		browser.driver.manage().deleteAllCookies();
		browser.go("/login?lang=en");
		browser.driver.findElement(By.id("username")).sendKeys("issuer");
		browser.driver.findElement(By.id("password")).sendKeys("wrong");
		browser.clickAndWait(By.cssSelector("form button[type=submit]"));
		assertThat(browser.text()).contains("The user name or password is wrong.");
	}

	@Test
	void showsTheIssuerTheirApplicationsAndTheOpenRequest() {
		browser.logIn("issuer");
		for (String language : List.of("en", "ja")) {
			browser.go("/applications?lang=" + language);
			assertThat(browser.text()).contains(reference);
			browser.capture(language, "10-issuer-applications");
			browser.go("/cases/" + caseId);
			assertThat(browser.text()).contains(reference)
				.contains(language.equals("en") ? "Request for information" : "追加資料の請求")
				.contains("The audit report is not signed.");
			browser.capture(language, "11-issuer-case-with-rfi");
		}
		browser.go("/cases/" + caseId + "/withdraw?lang=en");
		browser.capture("en", "12-issuer-withdraw-confirmation");
		browser.go("/cases/" + caseId + "/withdraw?lang=ja");
		browser.capture("ja", "12-issuer-withdraw-confirmation");
		browser.go("/?lang=en");
	}

	@Test
	void hidesOneIssuersCaseFromAnother() {
		browser.logIn("issuer2");
		browser.go("/cases/" + caseId + "?lang=en");
		assertThat(browser.text()).contains("Not found").doesNotContain(reference);
		browser.capture("en", "13-other-issuer-not-found");
		browser.go("/cases/" + caseId + "?lang=ja");
		assertThat(browser.text()).contains("見つかりません").doesNotContain(reference);
		browser.capture("ja", "13-other-issuer-not-found");
		browser.go("/?lang=en");
	}

	@Test
	void showsReviewersTheirQueuesWithCounts() {
		browser.logIn("intake");
		for (String language : List.of("en", "ja")) {
			// newest first: the demo cases and other tests' cases fill more than one page
			browser.go("/tasks?queue=ALL&sort=REFERENCE&desc=true&lang=" + language);
			assertThat(browser.text()).contains(reference);
			browser.capture(language, "20-tasks-all-open-cases");
		}
		for (String language : List.of("en", "ja")) {
			browser.go("/tasks?queue=GROUPS&lang=" + language);
			assertThat(browser.driver.findElements(By.cssSelector(".tabs .count"))).hasSize(3);
			browser.capture(language, "21-tasks-my-groups");
		}
		browser.go("/cases/" + caseId + "?lang=en");
		assertThat(browser.text()).contains("Automatic checks", "History of the case", "Internal notes",
				"Task completed");
		browser.capture("en", "22-reviewer-case");
		browser.go("/cases/" + caseId + "?lang=ja");
		assertThat(browser.text()).contains("自動チェック", "案件の履歴", "内部メモ", "タスク完了");
		browser.capture("ja", "22-reviewer-case");
		browser.go("/?lang=en");
	}

	@Test
	void showsThePublicRegisterWithoutLogIn() {
		browser.driver.manage().deleteAllCookies();
		browser.go("/register?lang=en");
		assertThat(browser.text()).contains("Register of recognised stablecoins");
		browser.capture("en", "30-register");
		browser.go("/register?lang=ja");
		assertThat(browser.text()).contains("認定ステーブルコイン登録簿");
		browser.capture("ja", "30-register");
		browser.go("/register?lang=en");
	}

}
