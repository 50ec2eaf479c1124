package jp.tobira.application;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import jp.tobira.validation.Complete;
import jp.tobira.validation.IsoCountry;
import jp.tobira.validation.IsoCurrency;

/**
 * What an application holds (ARCHITECTURE.md §3), shaped like
 * {@code examples/application.json}. Every part may be missing from a draft
 * ({@link Complete} says what submission needs); every value present must be well formed.
 * Amounts are decimals, never floating point.
 */
public record ApplicationContent(@Valid @NotNull(groups = Complete.class) Issuer issuer,
		@Valid @NotNull(groups = Complete.class) Token token, @Valid @NotNull(groups = Complete.class) Trust trust,
		@Valid @NotNull(groups = Complete.class) Reserves reserves,
		@Valid @NotNull(groups = Complete.class) AuditAndAttestation audit,
		@Valid @NotNull(groups = Complete.class) Redemption redemption,
		@Valid @NotNull(groups = Complete.class) Intermediary intermediary) {

	static final int NAME = 200;

	static final int IDENTIFIER = 100;

	public static ApplicationContent empty() {
		return new ApplicationContent(null, null, null, null, null, null, null);
	}

	/** Reserves ÷ outstanding supply, when both are known. */
	public Optional<CoverageRatio> coverageRatio() {
		if (reserves == null || token == null) {
			return Optional.empty();
		}
		return CoverageRatio.of(reserves.total(), token.outstandingSupply());
	}

	public record Issuer(@NotBlank(groups = Complete.class) @Size(max = NAME) String legalName,
			@NotBlank(groups = Complete.class) @Size(max = IDENTIFIER) String registrationNumber,
			@NotBlank(groups = Complete.class) @IsoCountry String jurisdiction,
			@NotBlank(groups = Complete.class) @Size(max = NAME) String homeRegulator,
			@NotBlank(groups = Complete.class) @Size(max = IDENTIFIER) String licenceReference,
			@NotBlank(groups = Complete.class) @Size(max = 500) String address,
			@NotBlank(groups = Complete.class) @Email @Size(max = 254) String contactEmail) {
	}

	public record Token(@NotBlank(groups = Complete.class) @Size(max = 100) String name,
			@NotBlank(groups = Complete.class) @Pattern(regexp = "[A-Za-z0-9.\\-]{1,20}",
					message = "must be 1 to 20 letters, digits, dots or hyphens") String symbol,
			@NotBlank(groups = Complete.class) @IsoCurrency String peggedCurrency,
			@NotNull(groups = Complete.class) @Positive @Digits(integer = 20,
					fraction = 6) BigDecimal outstandingSupply,
			@NotNull(groups = Complete.class) @PastOrPresent LocalDate supplyAsOf,
			@NotEmpty(groups = Complete.class) @Size(max = 50) List<@Valid @NotNull Chain> chains) {
	}

	public record Chain(@NotBlank @Size(max = 50) String chain, @NotBlank @Size(max = 200) String contractAddress) {
	}

	public record Trust(@NotBlank(groups = Complete.class) @Size(max = NAME) String trustee,
			@NotEmpty(groups = Complete.class) @Size(max = 20) List<@NotBlank @Size(max = NAME) String> custodians,
			@NotNull(groups = Complete.class) Boolean segregated,
			@NotNull(groups = Complete.class) Boolean bankruptcyRemote,
			@NotBlank(groups = Complete.class) @Size(max = IDENTIFIER) String governingLaw) {
	}

	public record Reserves(@NotNull(groups = Complete.class) @PastOrPresent LocalDate asOf,
			@NotEmpty(groups = Complete.class) @Size(max = 500) List<@Valid @NotNull ReserveAsset> assets) {

		public BigDecimal total() {
			return assets == null ? BigDecimal.ZERO
					: assets.stream()
						.map(ReserveAsset::amount)
						.filter(java.util.Objects::nonNull)
						.reduce(BigDecimal.ZERO, BigDecimal::add);
		}
	}

	/**
	 * One row of the reserve snapshot; the maturity may lie in the future, unlike the
	 * snapshot's dates.
	 *
	 * @param amount its value in the token's pegged currency, so that the rows add up to
	 * the reserves that back the supply
	 * @param currency the currency the asset is held in; a draft may leave it out, a
	 * submission may not, as the share of reserves in the token's own currency is
	 * measured from it
	 */
	public record ReserveAsset(@NotNull AssetClass assetClass,
			@NotNull @Positive @Digits(integer = 20, fraction = 6) BigDecimal amount,
			@NotBlank(groups = Complete.class) @IsoCurrency String currency,
			@NotBlank @Size(max = NAME) String custodian, LocalDate maturity) {
	}

	public record AuditAndAttestation(@NotBlank(groups = Complete.class) @Size(max = NAME) String auditor,
			@NotNull(groups = Complete.class) @PastOrPresent LocalDate lastAuditDate,
			@NotNull(groups = Complete.class) @PastOrPresent LocalDate lastAttestationDate,
			@NotNull(groups = Complete.class) AuditOpinion opinion) {
	}

	public record Redemption(@NotNull(groups = Complete.class) Boolean atPar,
			@NotNull(groups = Complete.class) @PositiveOrZero @Max(365) Integer maxBusinessDays,
			@NotNull(groups = Complete.class) @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3,
					fraction = 4) BigDecimal feePercent) {
	}

	public record Intermediary(@NotBlank(groups = Complete.class) @Size(max = NAME) String name,
			@NotBlank(groups = Complete.class) @Size(max = IDENTIFIER) String registrationNumber) {
	}
}
