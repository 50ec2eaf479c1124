package jp.tobira.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.transaction.support.TransactionTemplate;

import jp.tobira.Fixtures;
import jp.tobira.api.ApiClient;
import jp.tobira.application.ApplicationId;
import jp.tobira.cooperation.EquivalenceStatus;
import jp.tobira.cooperation.Jurisdictions;
import jp.tobira.decision.Register;
import jp.tobira.decision.RegisterStatus;

/**
 * The public register in a real browser, without log-in, in English and Japanese, scanned
 * for accessibility problems: a suspended token shows its status, since when, and its
 * history opened (recognition, then suspension with its reasons and the audit chain head
 * at each change), and the page offers the Atom feed of changes.
 */
class RegisterBrowserTests extends BrowserTest {

	static final String REASONS = "Reserve report for November not filed.";

	@Autowired
	Jurisdictions jurisdictions;

	@Autowired
	Register register;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	MessageSource messages;

	String reference;

	@BeforeAll
	void suspendARecognisedToken() {
		jurisdictions.set("admin", Fixtures.EQUIVALENT_HOME, "Switzerland", EquivalenceStatus.EQUIVALENT,
				Fixtures.DETERMINED_ON, Fixtures.DETERMINATION, "test");
		ApiClient intake = new ApiClient(rest, "intake");
		ApiClient backing = new ApiClient(rest, "backing");
		ApiClient cooperation = new ApiClient(rest, "cooperation");
		ApiClient decision = new ApiClient(rest, "decision");
		ApiClient.Case approved = new ApiClient(rest, "issuer").submitCanonicalFrom(Fixtures.EQUIVALENT_HOME);
		reference = approved.reference();
		intake.complete(intake.taskId(reference, "checkCompleteness"), "{\"complete\": true}");
		backing.complete(backing.taskId(reference, "reviewBacking"), "{\"outcome\": \"SATISFACTORY\"}");
		cooperation.complete(cooperation.taskId(reference, "requestHomeConfirmation"), "{\"sent\": true}");
		cooperation.complete(cooperation.taskId(reference, "recordHomeReply"),
				"{\"confirmed\": true, \"arrangement\": \"MOU\", \"reference\": \"FINMA-FSA-2026\"}");
		assertThat(decision
			.complete(decision.taskId(reference, "decide"),
					"{\"decision\": \"APPROVE\", \"reasons\": \"Backing and audit in order.\"}")
			.status()).isEqualTo(200);
		transactions.executeWithoutResult(status -> register.changeStatus(ApplicationId.of(approved.id()),
				RegisterStatus.SUSPENDED, REASONS, "decision"));
	}

	@Test
	void showsASuspendedTokensStatusAndHistoryInBothLanguages() {
		browser.driver.manage().deleteAllCookies();
		for (String language : List.of("en", "ja")) {
			browser.go("/register?lang=" + language);
			WebElement row = browser.driver.findElement(By.xpath("//tr[td[normalize-space()='" + reference + "']]"));
			assertThat(row.findElement(By.className("register-status")).getText())
				.contains(message("register.status.SUSPENDED", language));
			WebElement history = row.findElement(By.cssSelector(".register-history details"));
			history.findElement(By.tagName("summary")).click();
			List<WebElement> changes = history.findElements(By.tagName("li"));
			assertThat(changes).hasSize(2);
			assertThat(changes.get(0).getText()).contains(message("register.status.RECOGNISED", language));
			assertThat(changes.get(1).getText()).contains(message("register.status.SUSPENDED", language), REASONS);
			for (WebElement change : changes) {
				assertThat(change.findElement(By.className("hash")).getText()).containsPattern("[0-9a-f]{64}");
			}
			assertThat(
					browser.driver.findElement(By.cssSelector("head link[rel=alternate][type='application/atom+xml']"))
						.getAttribute("href"))
				.endsWith("/register.atom");
			assertThat(browser.text()).contains(message("register.feed", language));
			browser.capture(language, "31-register-suspended-history");
		}
		browser.go("/register?lang=en");
	}

	private String message(String key, String language) {
		return messages.getMessage(key, null, Locale.forLanguageTag(language));
	}

}
