package jp.tobira.application.web;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import jp.tobira.application.CoverageRatio;

/**
 * Amounts in the pegged currency and coverage ratios as the page's locale writes them.
 * Templates call it as {@code @amounts}. Never rounds a reserve amount away: as many
 * decimals as were given (up to the six stored).
 */
@Component("amounts")
public class Amounts {

	public String of(BigDecimal amount, String currencyCode) {
		if (amount == null) {
			return "—";
		}
		Locale locale = LocaleContextHolder.getLocale();
		NumberFormat format;
		try {
			Currency currency = Currency.getInstance(currencyCode);
			format = NumberFormat.getCurrencyInstance(locale);
			format.setCurrency(currency);
			format.setMinimumFractionDigits(Math.max(0, currency.getDefaultFractionDigits()));
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			format = NumberFormat.getNumberInstance(locale);
		}
		format
			.setMaximumFractionDigits(Math.max(format.getMinimumFractionDigits(), amount.stripTrailingZeros().scale()));
		return format.format(amount);
	}

	/** 1.010000 reads as "101.00%": a reviewer compares it with 100% at a glance. */
	public String percent(CoverageRatio ratio) {
		return percent(ratio.value());
	}

	/**
	 * A ratio as stored (a reserve report's coverage), written as
	 * {@link #percent(CoverageRatio)} writes it.
	 */
	public String percent(BigDecimal ratio) {
		NumberFormat format = NumberFormat.getPercentInstance(LocaleContextHolder.getLocale());
		format.setMinimumFractionDigits(2);
		format.setMaximumFractionDigits(4);
		format.setRoundingMode(java.math.RoundingMode.DOWN);
		return format.format(ratio);
	}

}
