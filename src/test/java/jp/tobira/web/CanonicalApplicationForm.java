package jp.tobira.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import jp.tobira.Fixtures;

/**
 * The issuer fills in examples/application.json through the form, step by step, as a
 * person would.
 */
final class CanonicalApplicationForm {

	private final Browser browser;

	private final JsonNode example = Fixtures.example();

	CanonicalApplicationForm(Browser browser) {
		this.browser = browser;
	}

	/**
	 * The canonical application from another home jurisdiction, such as one judged
	 * equivalent so that the case may be approved.
	 */
	CanonicalApplicationForm(Browser browser, String jurisdiction) {
		this(browser);
		((com.fasterxml.jackson.databind.node.ObjectNode) example.get("issuer")).put("jurisdiction", jurisdiction);
	}

	/**
	 * @return the new case's reference; the browser is left on the submitted case's page
	 */
	String fillAndSubmit(String language) {
		browser.go("/applications?lang=" + language);
		browser.clickAndWait(By.cssSelector("a[href$='/applications/new']"));
		browser.capture(language, "60-form-issuer");
		fill("issuer", List.of("legalName", "registrationNumber", "jurisdiction", "homeRegulator", "licenceReference",
				"address", "contactEmail"));
		save();
		String reference = browser.driver.findElement(By.tagName("h1")).getText();

		fill("token", List.of("name", "symbol", "peggedCurrency", "outstandingSupply", "supplyAsOf"));
		type("token.chains[0].chain", example.at("/token/chains/0/chain").asText());
		type("token.chains[0].contractAddress", example.at("/token/chains/0/contractAddress").asText());
		save();

		type("trust.trustee", example.at("/trust/trustee").asText());
		choose("trust.segregated", "true");
		choose("trust.bankruptcyRemote", "true");
		type("trust.governingLaw", example.at("/trust/governingLaw").asText());
		JsonNode custodians = example.at("/trust/custodians");
		for (int i = 0; i < custodians.size(); i++) {
			if (i > 0) {
				browser.clickAndWait(By.cssSelector("button[value=add]"));
			}
			type("trust.custodians[" + i + "]", custodians.get(i).asText());
		}
		save();

		type("reserves.asOf", example.at("/reserves/asOf").asText());
		JsonNode assets = example.at("/reserves/assets");
		for (int i = 0; i < assets.size(); i++) {
			if (i > 0) {
				browser.clickAndWait(By.cssSelector("button[value=add]"));
			}
			String row = "reserves.assets[" + i + "].";
			choose(row + "assetClass", assets.get(i).get("assetClass").asText());
			type(row + "amount", i == 0 ? "-5" : assets.get(i).get("amount").asText());
			type(row + "currency", assets.get(i).get("currency").asText());
			type(row + "custodian", assets.get(i).get("custodian").asText());
			if (assets.get(i).has("maturity")) {
				type(row + "maturity", assets.get(i).get("maturity").asText());
			}
		}
		save();
		// a negative amount is refused next to its field, and everything typed is still
		// there
		assertThat(browser.driver.findElement(By.id("reserves.assets[0].amount")).getAttribute("aria-invalid"))
			.isEqualTo("true");
		assertThat(browser.driver.findElements(By.cssSelector(".field-error"))).isNotEmpty();
		assertThat(browser.driver.findElement(By.id("reserves.assets[2].custodian")).getAttribute("value"))
			.isEqualTo(assets.get(2).get("custodian").asText());
		browser.capture(language, "61-form-reserves-error");
		type("reserves.assets[0].amount", assets.get(0).get("amount").asText());
		save();

		fill("audit", List.of("auditor", "lastAuditDate", "lastAttestationDate"));
		choose("audit.opinion", example.at("/audit/opinion").asText());
		save();
		choose("redemption.atPar", "true");
		type("redemption.maxBusinessDays", example.at("/redemption/maxBusinessDays").asText());
		type("redemption.feePercent", example.at("/redemption/feePercent").asText());
		save();
		fill("intermediary", List.of("name", "registrationNumber"));
		save();

		browser.capture(language, "62-form-documents");
		for (String type : List.of("TRUST_DEED", "AUDIT_REPORT", "RESERVE_ATTESTATION", "HOME_LICENCE", "LEGAL_OPINION",
				"REDEMPTION_POLICY", "INFO_SHARING_UNDERTAKING", "WHITE_PAPER")) {
			browser.driver.findElement(By.id("file-" + type))
				.sendKeys(Fixtures.writeTemp(type.toLowerCase() + ".pdf", Fixtures.pdf(reference + " " + type))
					.toString());
			browser.clickAndWait(By.cssSelector("form:has(#file-" + type + ") button"));
		}
		assertThat(browser.driver.findElements(By.cssSelector("code.hash"))).hasSize(8);
		browser.capture(language, "63-form-documents-stored");
		browser.clickAndWait(By.cssSelector("a[href$='/edit/summary']:not(nav a)"));
		browser.capture(language, "64-form-summary");
		browser.clickAndWait(By.cssSelector("form[action$='/submit'] button"));
		browser.capture(language, "65-form-submitted");
		return reference;
	}

	private void fill(String section, List<String> fields) {
		for (String field : fields) {
			type(section + "." + field, example.get(section).get(field).asText());
		}
	}

	private void type(String id, String text) {
		browser.type(By.id(id), text);
	}

	private void choose(String id, String value) {
		new Select(browser.driver.findElement(By.id(id))).selectByValue(value);
	}

	private void save() {
		browser.clickAndWait(By.cssSelector("button[value=save]"));
	}

}
