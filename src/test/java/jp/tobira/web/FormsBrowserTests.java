package jp.tobira.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

import jp.tobira.Fixtures;
import jp.tobira.api.ApiClient;

/**
 * The issuer's application form in a real browser, in English and Japanese: every step of
 * an existing draft, and every kind of refusal shown next to its field with what was
 * typed still there.
 */
class FormsBrowserTests extends BrowserTest {

	static final List<String> LANGUAGES = List.of("en", "ja");

	@AfterEach
	void backToEnglish() {
		browser.go("/?lang=en");
	}

	@Test
	void refusesANewApplicationNextToItsFieldsKeepingWhatWasTyped() {
		browser.logIn("issuer");
		for (String language : LANGUAGES) {
			browser.go("/applications/new?lang=" + language);
			type("issuer.legalName", "Typed Trust Company");
			type("issuer.jurisdiction", "XX");
			type("issuer.contactEmail", "not an address");
			save();
			assertThat(browser.driver.getCurrentUrl()).endsWith("/applications/new");
			browser.assertRefusedNextToField("issuer.jurisdiction", "XX");
			browser.assertRefusedNextToField("issuer.contactEmail", "not an address");
			assertThat(browser.value("issuer.legalName")).isEqualTo("Typed Trust Company");
			assertThat(browser.driver.findElement(By.cssSelector(".notice.error")).getText()).isNotBlank();
			browser.capture(language, "66-form-new-errors");
		}
	}

	@Test
	void showsEveryStepOfAnExistingDraftFilledIn() {
		String draft = draft();
		browser.logIn("issuer");
		List<String> steps = List.of("token", "trust", "audit", "redemption", "intermediary");
		for (String language : LANGUAGES) {
			for (int i = 0; i < steps.size(); i++) {
				String step = steps.get(i);
				browser.go("/applications/" + draft + "/edit/" + step + "?lang=" + language);
				assertThat(browser.driver.findElements(By.cssSelector("form.form-step input[value]:not([value=''])"))
					.size() + browser.driver.findElements(By.cssSelector("form.form-step option[selected]")).size())
					.as("the draft's values are filled in on " + step)
					.isPositive();
				browser.capture(language, (67 + i) + "-form-edit-" + step);
			}
		}
		browser.go("/applications/" + draft + "/edit/token?lang=en");
		assertThat(browser.value("token.symbol")).isEqualTo(Fixtures.example().at("/token/symbol").asText());
	}

	@Test
	void listsAnErrorThatBelongsToNoFieldAtTheTop() {
		String draft = draft();
		browser.logIn("issuer");
		for (String language : LANGUAGES) {
			browser.go("/applications/" + draft + "/edit/intermediary?lang=" + language);
			// a field the form does not know, as a tampered or outdated form would send
			((JavascriptExecutor) browser.driver).executeScript("const input = document.createElement('input');"
					+ "input.type = 'hidden'; input.name = 'intermediary.branch'; input.value = 'Osaka';"
					+ "document.querySelector('form.form-step').appendChild(input);");
			type("intermediary.name", "Typed Intermediary K.K.");
			save();
			WebElement banner = browser.driver.findElement(By.cssSelector(".notice.error"));
			assertThat(banner.findElements(By.cssSelector("li"))).singleElement()
				.satisfies(item -> assertThat(item.getText()).contains("intermediary.branch"));
			assertThat(browser.value("intermediary.name")).isEqualTo("Typed Intermediary K.K.");
			browser.capture(language, "72-form-unplaced-error");
		}
	}

	@Test
	void showsARefusedUploadNextToItsFile() {
		String draft = draft();
		browser.logIn("issuer");
		for (String language : LANGUAGES) {
			browser.go("/applications/" + draft + "/edit/documents?lang=" + language);
			browser.driver.findElement(By.id("file-AUDIT_REPORT"))
				.sendKeys(Fixtures.writeTemp("audit.pdf", "not a PDF at all".getBytes()).toString());
			browser.clickAndWait(By.cssSelector("form:has(#file-AUDIT_REPORT) button"));
			WebElement file = browser.driver.findElement(By.id("file-AUDIT_REPORT"));
			assertThat(file.getAttribute("aria-invalid")).isEqualTo("true");
			assertThat(file.getAttribute("aria-describedby")).isEqualTo("file-AUDIT_REPORT-error");
			assertThat(browser.driver.findElement(By.id("file-AUDIT_REPORT-error")).getText()).isNotBlank();
			assertThat(browser.driver.findElement(By.id("file-TRUST_DEED")).getAttribute("aria-invalid"))
				.isEqualTo("false");
			browser.capture(language, "73-form-documents-upload-error");
		}
	}

	@Test
	void listsWhatIsMissingAndSwitchesLanguageOnTheSummary() {
		String draft = draft();
		browser.logIn("issuer");
		for (String language : LANGUAGES) {
			browser.go("/applications/" + draft + "/edit/summary?lang=" + language);
			browser.clickAndWait(By.cssSelector("form[action$='/submit'] button"));
			assertThat(browser.driver.getCurrentUrl()).endsWith("/applications/" + draft + "/edit/summary?incomplete");
			assertThat(browser.text())
				.contains(language.equals("en") ? "The application is not complete yet" : "申請はまだ完全ではありません");
			assertThat(browser.driver.findElements(By.cssSelector(".notice.error li"))).hasSize(8);
			browser.capture(language, "74-form-summary-missing");
			// the language switch leads back to the summary, not to the POST-only submit
			// address
			String other = language.equals("en") ? "ja" : "en";
			browser.clickAndWait(By.cssSelector(".languages a[lang=" + other + "]"));
			assertThat(browser.driver.getCurrentUrl()).contains("/applications/" + draft + "/edit/summary");
			assertThat(browser.text()).contains(other.equals("en") ? "Summary and submission" : "確認と提出");
			assertThat(browser.driver.findElements(By.cssSelector(".notice.error li")))
				.as("what is missing is still listed after the switch")
				.hasSize(8);
		}
	}

	@Test
	void answersADoubleSubmissionAndAnOversizedUploadWithPages() {
		browser.logIn("issuer");
		for (String language : LANGUAGES) {
			ApiClient api = new ApiClient(rest, "issuer");
			String draft = draft();
			for (String type : ApiClient.REQUIRED_DOCUMENTS) {
				api.upload(draft, type, type.toLowerCase() + ".pdf", Fixtures.pdf(draft + " " + type),
						"application/pdf");
			}
			browser.go("/applications/" + draft + "/edit/summary?lang=" + language);
			// submitted meanwhile (another tab, the API): the second submission is
			// refused with a page, not JSON
			api.post("/api/v1/applications/" + draft + "/submit");
			browser.clickAndWait(By.cssSelector("form[action$='/submit'] button"));
			assertThat(browser.text()).contains(language.equals("en") ? "Already changed" : "既に変更されています");
			browser.capture(language, "75-form-double-submission");

			String other = draft();
			browser.go("/applications/" + other + "/edit/documents");
			byte[] big = new byte[PageErrorsIntegrationTests.OVER_THE_CONTAINER_LIMIT];
			byte[] pdf = Fixtures.pdf("too big");
			System.arraycopy(pdf, 0, big, 0, pdf.length);
			browser.driver.findElement(By.id("file-TRUST_DEED"))
				.sendKeys(Fixtures.writeTemp("deed.pdf", big).toString());
			browser.clickAndWait(By.cssSelector("form:has(#file-TRUST_DEED) button"));
			assertThat(browser.text()).contains(language.equals("en") ? "The file is too large" : "ファイルが大きすぎます");
			browser.capture(language, "76-form-upload-too-large");
		}
	}

	@Test
	void keepsPostedFieldsOutOfTheLanguageSwitch() {
		browser.logIn("issuer");
		browser.go("/applications/new?lang=en");
		type("issuer.legalName", "Secret Name");
		type("issuer.jurisdiction", "XX");
		save();
		for (WebElement link : browser.driver.findElements(By.cssSelector(".languages a"))) {
			assertThat(link.getAttribute("href")).endsWith("/applications/new?lang=" + link.getAttribute("lang"))
				.doesNotContain("Secret");
		}
	}

	private String draft() {
		return new ApiClient(rest, "issuer").postJson("/api/v1/applications", Fixtures.exampleJson())
			.json()
			.get("id")
			.asText();
	}

	private void type(String id, String text) {
		browser.type(By.id(id), text);
	}

	private void save() {
		browser.clickAndWait(By.cssSelector("button[value=save]"));
	}

}
