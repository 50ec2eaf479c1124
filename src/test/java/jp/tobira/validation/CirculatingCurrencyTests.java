package jp.tobira.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Currency;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The pegged currency is one a holder can be paid in: {@link IsoCurrency} refuses the ISO
 * 4217 codes that name no circulating money.
 */
class CirculatingCurrencyTests {

	private final IsoCurrency.Validator validator = new IsoCurrency.Validator();

	@ParameterizedTest
	@ValueSource(strings = { "XXX", "XTS", "XAU", "XAG", "XPT", "XPD", "XDR", "XBA", "XBB", "XBC", "XBD", "XSU", "XUA",
			"USN", "BOV", "CLF", "COU", "MXV", "UYI", "UYW", "CHE", "CHW" })
	void refusesWhatIsNoCirculatingMoney(String code) {
		assertThat(validator.isValid(code, null)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "USD", "JPY", "EUR", "SGD", "CHF", "MXN", "CLP", "UYU", "XOF", "XAF", "XPF", "XCD" })
	void acceptsCirculatingCurrenciesTheXCodesOfRealMoneyIncluded(String code) {
		assertThat(validator.isValid(code, null)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "ZZZ", "usd", "US", "" })
	void refusesWhatIsNoIsoCode(String code) {
		assertThat(validator.isValid(code, null)).isFalse();
	}

	@Test
	void acceptsNothingYetForADraft() {
		assertThat(validator.isValid(null, null)).isTrue();
	}

	/**
	 * A code the JDK knows without minor units is a metal, a unit of account (the gold
	 * franc XFO among them) or a code for testing or for none.
	 */
	@Test
	void refusesEveryCodeWithoutMinorUnits() {
		Currency.getAvailableCurrencies()
			.stream()
			.filter(currency -> currency.getDefaultFractionDigits() < 0)
			.forEach(currency -> assertThat(validator.isValid(currency.getCurrencyCode(), null))
				.as(currency.getCurrencyCode())
				.isFalse());
	}

}
