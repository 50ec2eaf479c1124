package jp.tobira.rulebook;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import jp.tobira.application.AssetClass;
import jp.tobira.security.Actor;
import jp.tobira.validation.FieldProblem;
import jp.tobira.validation.InvalidInput;

/**
 * Version 1 of the rulebook, as configuration gives it on an empty database; nothing
 * more. Once a database holds a version, these properties are not read again: the
 * rulebook changes by a draft and a second admin's approval, never by a restart.
 *
 * The criteria added after ARCHITECTURE.md §4's first six are switched off in version 1
 * by default ({@link #switchedOff}), so a database seeded from an older configuration
 * judges cases as before until an approved version switches them on.
 *
 * @param minCoverageRatio reserves ÷ outstanding supply must be at least this
 * @param eligibleAssetClasses the asset classes reserves may hold
 * @param maxGovernmentMaturityMonths the longest remaining maturity of government paper
 * (and of a reverse repo's term), from the reserve snapshot's date
 * @param maxAttestationAgeDays the latest reserve attestation's greatest age at
 * submission
 * @param maxAuditAgeMonths the latest independent audit's greatest age
 * @param maxRedemptionBusinessDays the longest redemption time
 * @param minReserveCurrencyShare the least share of reserves in the token's currency
 * @param minLiquidShare the least share of reserves in cash and demand deposits
 * @param maxGovernmentPaperDays the longest remaining term of government paper in days
 * @param maxCustodianShare the largest share of reserves one custodian may hold
 * @param recognisedAuditors the audit firms of recognised standing
 * @param switchedOff the criteria version 1 does not apply
 * @param effectiveFrom the day version 1 took effect: the day the ordinance's regime
 * began, so that it governs every case, including those whose clock a test or the demo
 * sets in the past
 */
@ConfigurationProperties("tobira.rulebook.seed")
public record RulebookSeed(@DefaultValue("1.00") BigDecimal minCoverageRatio, @DefaultValue( {
		"CASH", "DEMAND_DEPOSIT", "GOVERNMENT_BILL", "GOVERNMENT_BOND",
		"REVERSE_REPO" }) Set<AssetClass> eligibleAssetClasses, @DefaultValue("12") int maxGovernmentMaturityMonths,
		@DefaultValue("35") int maxAttestationAgeDays, @DefaultValue("12") int maxAuditAgeMonths,
		@DefaultValue("5") int maxRedemptionBusinessDays, @DefaultValue("1.00") BigDecimal minReserveCurrencyShare,
		@DefaultValue("0.30") BigDecimal minLiquidShare, @DefaultValue("93") int maxGovernmentPaperDays,
		@DefaultValue("0.50") BigDecimal maxCustodianShare,
		@DefaultValue({ "Deloitte", "Ernst & Young", "KPMG",
				"PricewaterhouseCoopers" }) List<String> recognisedAuditors,
		@DefaultValue({ "RESERVE_CURRENCY", "LIQUID_SHARE", "GOVERNMENT_PAPER_TERM", "CUSTODIAN_CONCENTRATION",
				"RECOGNISED_AUDITOR" }) Set<Criterion> switchedOff,
		@DefaultValue("2026-01-01") LocalDate effectiveFrom){

	/**
	 * Version 1 as this configuration says it, approved by {@code system} at the moment
	 * given; every threshold read through {@link Threshold#read} like any draft's.
	 * @throws IllegalStateException naming each threshold the configuration gives wrong
	 */
	public RulebookVersion version1(Instant at) {
		List<FieldProblem> problems = new ArrayList<>();
		List<CriterionSetting> criteria = new ArrayList<>();
		Map<Criterion, Map<String, Object>> thresholds = thresholds();
		for (Criterion criterion : Criterion.values()) {
			Map<String, Object> values = new LinkedHashMap<>();
			for (Threshold threshold : criterion.thresholds()) {
				String field = "tobira.rulebook.seed (" + criterion + "." + threshold.name() + ")";
				try {
					values.put(threshold.name(),
							threshold.read(field, thresholds.get(criterion).get(threshold.name())));
				}
				catch (InvalidInput ex) {
					problems.addAll(ex.problems());
				}
			}
			criteria.add(new CriterionSetting(criterion, criterion.gate() || !switchedOff.contains(criterion), values));
		}
		if (!problems.isEmpty()) {
			throw new IllegalStateException("The rulebook's seed in configuration is invalid: " + problems);
		}
		return new RulebookVersion(1, effectiveFrom, List.copyOf(criteria), NOTE, SEEDED_BY, at, APPROVED_BY, at);
	}

	/** Who "drafted" version 1: the configuration it was read from. */
	static final String SEEDED_BY = "configuration";

	static final String APPROVED_BY = Actor.SYSTEM.username();

	static final String NOTE = "Seeded from configuration";

	/**
	 * Each criterion's thresholds as a draft gives them, read through
	 * {@link Threshold#read} like any draft's.
	 */
	Map<Criterion, Map<String, Object>> thresholds() {
		Map<Criterion, Map<String, Object>> thresholds = new LinkedHashMap<>();
		thresholds.put(Criterion.RESERVE_COVERAGE, Map.of("minRatio", minCoverageRatio.toPlainString()));
		thresholds.put(Criterion.ASSET_ELIGIBILITY,
				Map.of("eligibleClasses", eligibleAssetClasses.stream().map(Enum::name).toList(),
						"maxGovernmentMaturityMonths", maxGovernmentMaturityMonths));
		thresholds.put(Criterion.ATTESTATION_AGE, Map.of("maxDays", maxAttestationAgeDays));
		thresholds.put(Criterion.AUDIT_AGE, Map.of("maxMonths", maxAuditAgeMonths));
		thresholds.put(Criterion.REDEMPTION, Map.of("maxBusinessDays", maxRedemptionBusinessDays));
		thresholds.put(Criterion.RESERVE_CURRENCY, Map.of("minShare", minReserveCurrencyShare.toPlainString()));
		thresholds.put(Criterion.LIQUID_SHARE, Map.of("minShare", minLiquidShare.toPlainString()));
		thresholds.put(Criterion.GOVERNMENT_PAPER_TERM, Map.of("maxDays", maxGovernmentPaperDays));
		thresholds.put(Criterion.CUSTODIAN_CONCENTRATION, Map.of("maxShare", maxCustodianShare.toPlainString()));
		thresholds.put(Criterion.RECOGNISED_AUDITOR, Map.of("auditors", recognisedAuditors));
		return thresholds;
	}

}
