package jp.tobira.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import jp.tobira.api.ApiClient;

/**
 * Log-in and log-out, the language switch as a person uses it (by clicking, remembered
 * for the user across browsers), the refusal page, the withdrawal and the reviewer's
 * dashboard, in English and Japanese.
 */
class AccessBrowserTests extends BrowserTest {

	static final List<String> LANGUAGES = List.of("en", "ja");

	@Test
	void showsAFailedLogInAndALogOutInBothLanguages() {
		for (String language : LANGUAGES) {
			browser.driver.manage().deleteAllCookies();
			browser.go("/login?lang=" + language);
			browser.driver.findElement(By.id("username")).sendKeys("issuer");
			browser.driver.findElement(By.id("password")).sendKeys("wrong");
			browser.clickAndWait(By.cssSelector("form button[type=submit]"));
			assertThat(browser.driver.getCurrentUrl()).endsWith("/login?error");
			assertThat(browser.text())
				.contains(language.equals("en") ? "The user name or password is wrong." : "ユーザー名またはパスワードが正しくありません。");
			browser.capture(language, "02-login-error");
		}
		browser.driver.manage().deleteAllCookies();
		browser.go("/login?lang=en");
	}

	@Test
	void remembersTheLanguageForTheUserAndFollowsTheLinksByClicking() {
		browser.logIn("decision2");
		browser.clickAndWait(By.cssSelector(".languages a[lang=en]"));
		assertThat(language()).isEqualTo("en");
		browser.clickAndWait(By.cssSelector(".languages a[lang=ja]"));
		assertThat(language()).isEqualTo("ja");
		assertThat(browser.text()).contains("タスク");

		// another browser, or this one with its cookies gone: the user's choice wins
		// after log-in
		browser.driver.manage().deleteAllCookies();
		browser.go("/login");
		assertThat(language()).as("before log-in, the browser's language").isEqualTo("en");
		browser.logIn("decision2");
		assertThat(language()).as("after log-in, the user's language").isEqualTo("ja");

		browser.clickAndWait(By.cssSelector(".main-nav a[href$='/dashboard']"));
		assertThat(browser.driver.getCurrentUrl()).endsWith("/dashboard");
		assertThat(browser.text()).contains("ダッシュボード");
		browser.clickAndWait(By.cssSelector(".main-nav a[href$='/tasks']"));
		assertThat(browser.driver.getCurrentUrl()).endsWith("/tasks");
		assertThat(language()).isEqualTo("ja");
		browser.clickAndWait(By.cssSelector(".main-nav a[href$='/register']"));
		assertThat(browser.driver.getCurrentUrl()).endsWith("/register");
		assertThat(browser.text()).contains("認定ステーブルコイン登録簿");
		browser.go("/tasks");

		browser.clickAndWait(By.cssSelector("form[action$='/logout'] button"));
		assertThat(browser.driver.getCurrentUrl()).endsWith("/login?logout");
		assertThat(browser.text()).contains("ログアウトしました。");
		browser.capture("ja", "03-login-logged-out");

		browser.logIn("decision2");
		browser.clickAndWait(By.cssSelector(".languages a[lang=en]"));
		assertThat(language()).isEqualTo("en");
		browser.clickAndWait(By.cssSelector("form[action$='/logout'] button"));
		assertThat(browser.text()).contains("You have logged out.");
		browser.capture("en", "03-login-logged-out");
		browser.logIn("decision2");
		assertThat(language()).as("English is remembered too").isEqualTo("en");
	}

	@Test
	void showsStaffTheRefusalPageOnIssuerActions() {
		String id = new ApiClient(rest, "issuer").submitCanonical().id();
		browser.logIn("intake");
		for (String language : LANGUAGES) {
			browser.go("/cases/" + id + "/withdraw?lang=" + language);
			assertThat(browser.text()).contains(language.equals("en") ? "Not allowed" : "許可されていません");
			assertThat(browser.now(By.cssSelector("form[action$='/withdraw']"))).isEmpty();
			browser.capture(language, "16-forbidden");
		}
		browser.go("/?lang=en");
	}

	@Test
	void withdrawsAnApplicationByClickingAndShowsItWithdrawn() {
		browser.logIn("issuer");
		for (String language : LANGUAGES) {
			ApiClient.Case submitted = new ApiClient(rest, "issuer").submitCanonical();
			browser.go("/cases/" + submitted.id() + "/withdraw?lang=" + language);
			browser.driver.findElement(By.id("reason")).sendKeys("We withdraw to revise the reserve composition.");
			browser.clickAndWait(By.cssSelector("form[action$='/withdraw'] button"));
			assertThat(browser.driver.getCurrentUrl()).endsWith("/cases/" + submitted.id());
			assertThat(browser.text())
				.contains(language.equals("en") ? "The application was withdrawn." : "申請を取り下げました。");
			browser.capture(language, "14-issuer-withdrawn-result");
			browser.go("/cases/" + submitted.id());
			assertThat(browser.text()).contains(submitted.reference())
				.contains(language.equals("en") ? "Withdrawn" : "取下げ");
			browser.capture(language, "15-issuer-case-withdrawn");
		}
		browser.go("/?lang=en");
	}

	@Test
	void showsAReviewerTheirDashboard() {
		browser.logIn("backing");
		for (String language : LANGUAGES) {
			browser.go("/dashboard?lang=" + language);
			assertThat(browser.text()).contains(language.equals("en") ? "Dashboard" : "ダッシュボード");
			browser.capture(language, "23-dashboard-reviewer");
		}
		browser.go("/?lang=en");
	}

	private String language() {
		return browser.driver.findElement(By.tagName("html")).getAttribute("lang");
	}

}
