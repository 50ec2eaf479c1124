package jp.tobira.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The API tokens screen in English and Japanese, reached from the navigation: a refusal
 * beside its field, a new token shown once with the note to copy it, and its revocation;
 * every state scanned with axe-core.
 */
class ApiTokensBrowserTests extends BrowserTest {

	@Test
	void makesShowsOnceAndRevokesATokenInBothLanguages() {
		browser.logIn("cooperation");
		for (String language : AccessBrowserTests.LANGUAGES) {
			browser.go("/?lang=" + language);
			browser.clickAndWait(By.cssSelector(".main-nav a[href$='/account/api-tokens']"));
			assertThat(browser.driver.getCurrentUrl()).endsWith("/account/api-tokens");
			browser.capture(language, "api-tokens-01-list");

			browser.type(By.id("t-days"), "400");
			browser.clickAndWait(By.cssSelector("main form.filters button[type=submit]"));
			browser.assertRefusedNextToField("t-name", "");
			browser.assertRefusedNextToField("t-days", "400");
			browser.capture(language, "api-tokens-02-refused");

			String name = "Script " + language;
			browser.type(By.id("t-name"), name);
			browser.type(By.id("t-days"), "30");
			browser.clickAndWait(By.cssSelector("main form.filters button[type=submit]"));
			String token = browser.driver.findElement(By.id("issued-token")).getText();
			assertThat(token).startsWith("tobira_").hasSize(50);
			assertThat(browser.text()).contains(language.equals("en") ? "Copy the token now" : "今すぐトークンをコピーしてください")
				.contains(name);
			browser.capture(language, "api-tokens-03-created");

			browser.go("/account/api-tokens");
			assertThat(browser.text()).as("the secret is shown once")
				.doesNotContain(token)
				.contains(token.substring(0, 12));
			browser.clickAndWait(By.xpath("//tr[td[1][text()='" + name + "']]//button"));
			assertThat(browser.text()).contains(language.equals("en") ? "The token is revoked" : "トークンを失効させました");
			browser.capture(language, "api-tokens-04-revoked");
		}
		browser.go("/?lang=en");
	}

}
