package jp.tobira.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import jp.tobira.api.ApiClient;

/**
 * The notification screens in English and Japanese, scanned with axe-core: a user turns a
 * kind off and on again from the navigation, and an admin in demo mode reads the outbox
 * and a message as it would be sent.
 */
class NotificationsBrowserTests extends BrowserTest {

	@Test
	void aReviewerTurnsAKindOffAndOnAgainInBothLanguages() {
		browser.logIn("backing");
		for (String language : AccessBrowserTests.LANGUAGES) {
			browser.go("/?lang=" + language);
			browser.clickAndWait(By.cssSelector(".main-nav a[href$='/account/notifications']"));
			assertThat(browser.driver.getCurrentUrl()).endsWith("/account/notifications");
			assertThat(browser.driver.findElement(By.id("n-address")).getText())
				.contains("backing@demo.tobira.example");
			assertThat(browser.now(By.id("n-REQUEST_FOR_INFORMATION"))).as("an issuer's kind").isEmpty();
			assertThat(browser.driver.findElement(By.id("n-TASK_DUE_TOMORROW")).isSelected()).isTrue();
			browser.capture(language, "notifications-01-preferences");

			browser.driver.findElement(By.id("n-TASK_DUE_TOMORROW")).click();
			browser.clickAndWait(By.cssSelector("main form button[type=submit]"));
			assertThat(browser.text())
				.contains(language.equals("en") ? "Your notifications are saved." : "通知の設定を保存しました。");
			assertThat(browser.driver.findElement(By.id("n-TASK_DUE_TOMORROW")).isSelected()).isFalse();
			assertThat(browser.driver.findElement(By.id("n-TASK_ASSIGNED")).isSelected()).isTrue();
			browser.capture(language, "notifications-02-saved");

			browser.driver.findElement(By.id("n-TASK_DUE_TOMORROW")).click();
			browser.clickAndWait(By.cssSelector("main form button[type=submit]"));
			assertThat(browser.driver.findElement(By.id("n-TASK_DUE_TOMORROW")).isSelected()).isTrue();
		}
		browser.go("/?lang=en");
	}

	@Test
	void anAdminReadsTheOutboxAndAMessageAsItWouldBeSentInBothLanguages() {
		ApiClient.Case submitted = new ApiClient(rest, "issuer").submitCanonical();
		ApiClient intake = new ApiClient(rest, "intake");
		ApiClient.Response completed = intake.complete(intake.taskId(submitted.reference(), "checkCompleteness"),
				"{\"complete\": false, \"missing\": [\"AUDIT_REPORT\"], \"message\": \"The audit report is unsigned.\"}");
		assertThat(completed.status()).as(completed.toString()).isEqualTo(200);

		browser.logIn("admin");
		for (String language : AccessBrowserTests.LANGUAGES) {
			browser.go("/admin?lang=" + language);
			browser.clickAndWait(By.cssSelector("main nav.tabs a[href$='/admin/outbox']"));
			assertThat(browser.text()).contains(submitted.reference())
				.contains(language.equals("en") ? "Waiting to be sent" : "送信待ち");
			browser.capture(language, "outbox-01-list");

			browser.clickAndWait(By.xpath("//table[@id='outbox']//a[contains(., '" + submitted.reference() + "')]"));
			String body = browser.driver.findElement(By.id("outbox-body")).getText();
			assertThat(body).contains(submitted.reference()).contains("/cases/" + submitted.id());
			assertThat(browser.driver.findElement(By.id("outbox-message")).getText())
				.contains("issuer@demo.tobira.example")
				.contains("@tobira.outbox>");
			browser.capture(language, "outbox-02-message");
		}
		browser.go("/?lang=en");
	}

}
