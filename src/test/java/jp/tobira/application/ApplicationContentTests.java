package jp.tobira.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.groups.Default;
import org.junit.jupiter.api.Test;

import jp.tobira.Fixtures;
import jp.tobira.validation.Complete;

class ApplicationContentTests {

	final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

	@Test
	void readsTheCanonicalApplicationAsCompleteAndWellFormed() throws Exception {
		ApplicationContent content = Fixtures.JSON.readValue(Fixtures.exampleJson(), ApplicationContent.class);
		assertThat(validator.validate(content, Default.class, Complete.class)).isEmpty();
		assertThat(content.reserves().total()).isEqualByComparingTo("1010000000.00");
		assertThat(content.coverageRatio()).hasValueSatisfying(r -> assertThat(r.value()).isEqualByComparingTo("1.01"));
	}

	@Test
	void acceptsAnEmptyDraftButNamesEveryPartSubmissionNeeds() {
		ApplicationContent empty = ApplicationContent.empty();
		assertThat(validator.validate(empty)).isEmpty();
		assertThat(paths(validator.validate(empty, Complete.class))).containsExactlyInAnyOrder("issuer", "token",
				"trust", "reserves", "audit", "redemption", "intermediary");
	}

	@Test
	void namesNestedFieldsByTheirPathInTheRequest() throws Exception {
		var example = Fixtures.example();
		((com.fasterxml.jackson.databind.node.ObjectNode) example.at("/reserves/assets/2")).put("amount", "0");
		((com.fasterxml.jackson.databind.node.ObjectNode) example.get("redemption")).put("feePercent", "101");
		ApplicationContent content = Fixtures.JSON.treeToValue(example, ApplicationContent.class);
		assertThat(paths(validator.validate(content))).containsExactlyInAnyOrder("reserves.assets[2].amount",
				"redemption.feePercent");
	}

	@Test
	void acceptsAReserveRowWithoutItsCurrencyInADraftButNotForSubmission() throws Exception {
		var example = Fixtures.example();
		((com.fasterxml.jackson.databind.node.ObjectNode) example.at("/reserves/assets/1")).remove("currency");
		ApplicationContent content = Fixtures.JSON.treeToValue(example, ApplicationContent.class);

		assertThat(validator.validate(content)).isEmpty();
		assertThat(paths(validator.validate(content, Default.class, Complete.class)))
			.containsExactly("reserves.assets[1].currency");
	}

	@Test
	void refusesAReserveCurrencyThatIsNoCirculatingMoneyEvenInADraft() throws Exception {
		var example = Fixtures.example();
		((com.fasterxml.jackson.databind.node.ObjectNode) example.at("/reserves/assets/0")).put("currency", "XAU");
		((com.fasterxml.jackson.databind.node.ObjectNode) example.at("/reserves/assets/2")).put("currency", "usd");
		ApplicationContent content = Fixtures.JSON.treeToValue(example, ApplicationContent.class);

		assertThat(paths(validator.validate(content))).containsExactlyInAnyOrder("reserves.assets[0].currency",
				"reserves.assets[2].currency");
	}

	private static Set<String> paths(Set<? extends ConstraintViolation<?>> violations) {
		return violations.stream().map(v -> v.getPropertyPath().toString()).collect(Collectors.toSet());
	}

}
