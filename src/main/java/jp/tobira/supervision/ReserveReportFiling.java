package jp.tobira.supervision;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import jp.tobira.application.ApplicationContent;

/**
 * What an issuer files for a month (DESIGN.md §8): the figures as of the month's last
 * day, the reserves in the application's shape (held to the same rules as a submitted
 * application's), the date of the accountant's attestation and the month's redemptions.
 * The attestation itself comes beside it, as a file.
 *
 * @param asOf the last day of the month reported on
 */
public record ReserveReportFiling(@NotNull LocalDate asOf,
		@NotNull @Positive @Digits(integer = 20, fraction = 6) BigDecimal outstandingSupply,
		@Valid @NotNull ApplicationContent.Reserves reserves, @NotNull @PastOrPresent LocalDate attestationDate,
		@Valid @NotNull Redemptions redemptions) {

	/**
	 * The month's redemptions.
	 *
	 * @param amount what was paid out, in the token's currency
	 * @param longestBusinessDays the longest a redemption took, in business days
	 */
	public record Redemptions(@NotNull @PositiveOrZero @Max(10_000_000) Integer count,
			@NotNull @PositiveOrZero @Digits(integer = 20, fraction = 6) BigDecimal amount,
			@NotNull @PositiveOrZero @Max(365) Integer longestBusinessDays) {
	}

}
