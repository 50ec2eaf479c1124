package jp.tobira.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Currency;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * The ISO 4217 code of a circulating fiat currency, checked against the JDK's list less
 * the codes that name no money a stablecoin could be pegged to and redeemed in at par.
 * {@code null} is valid (drafts).
 */
@Documented
@Constraint(validatedBy = IsoCurrency.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface IsoCurrency {

	String message() default "is not the ISO 4217 code of a circulating currency (three capital letters, such as USD)";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<IsoCurrency, String> {

		/**
		 * Codes in ISO 4217 that are no circulating money: a trust-type stablecoin is
		 * redeemed at par in the currency it is pegged to, out of reserves held in that
		 * currency, so it must be one a holder can be paid in and reserves can be held
		 * in. Not: the precious metals (XAU, XAG, XPT, XPD), which are commodities; the
		 * SDR (XDR) and the other units of account and settlement (XBA to XBD, XSU, XUA),
		 * which no one is paid in; the codes for testing (XTS) and for "no currency"
		 * (XXX); and the funds codes (BOV, CHE, CHW, CLF, COU, MXV, USN, USS, UYI, UYW),
		 * which are indexed or next-day units beside a country's currency, not currencies
		 * themselves. The JDK gives every code that names no money no minor units, so
		 * those it may add (such as the gold franc XFO, withdrawn) are refused with the
		 * list. The X-codes of real money (XOF, XAF, XPF, XCD, XCG) stay.
		 */
		static final Set<String> NOT_CIRCULATING = Set.of("XAU", "XAG", "XPT", "XPD", "XDR", "XBA", "XBB", "XBC", "XBD",
				"XSU", "XUA", "XTS", "XXX", "BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "USS", "UYI", "UYW");

		private static final Set<String> CODES = Currency.getAvailableCurrencies()
			.stream()
			.filter(currency -> currency.getDefaultFractionDigits() >= 0)
			.map(Currency::getCurrencyCode)
			.filter(code -> !NOT_CIRCULATING.contains(code))
			.collect(Collectors.toUnmodifiableSet());

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return value == null || CODES.contains(value);
		}

	}

}
