package jp.tobira.checks;

import java.math.BigDecimal;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import jp.tobira.application.AssetClass;

/**
 * The thresholds of the automatic checks (ARCHITECTURE.md §4). They are configuration,
 * not code: the detailed criteria of equivalence are not public, and the supervisor will
 * change them.
 *
 * @param minCoverageRatio reserves ÷ outstanding supply must be at least this
 * @param eligibleAssetClasses the asset classes reserves may hold
 * @param maxGovernmentMaturity the longest remaining maturity of government paper (and of
 * a reverse repo's term), from the reserve snapshot's date
 * @param maxAttestationAge the latest reserve attestation's greatest age at submission
 * @param maxAuditAge the latest independent audit's greatest age
 * @param maxRedemptionBusinessDays the longest redemption time
 */
@ConfigurationProperties("tobira.checks")
public record ChecksProperties(@DefaultValue("1.00") BigDecimal minCoverageRatio, @DefaultValue( {
		"CASH", "DEMAND_DEPOSIT", "GOVERNMENT_BILL", "GOVERNMENT_BOND",
		"REVERSE_REPO" }) Set<AssetClass> eligibleAssetClasses, @DefaultValue("P1Y") Period maxGovernmentMaturity,
		@DefaultValue("P35D") Period maxAttestationAge, @DefaultValue("P12M") Period maxAuditAge,
		@DefaultValue("5") int maxRedemptionBusinessDays){

	/** The thresholds as name and value, for the admin's read-only view. */
	public Map<String, String> describe() {
		Map<String, String> thresholds = new LinkedHashMap<>();
		thresholds.put("tobira.checks.min-coverage-ratio", minCoverageRatio.toPlainString());
		thresholds.put("tobira.checks.eligible-asset-classes", String.valueOf(eligibleAssetClasses));
		thresholds.put("tobira.checks.max-government-maturity", maxGovernmentMaturity.toString());
		thresholds.put("tobira.checks.max-attestation-age", maxAttestationAge.toString());
		thresholds.put("tobira.checks.max-audit-age", maxAuditAge.toString());
		thresholds.put("tobira.checks.max-redemption-business-days", String.valueOf(maxRedemptionBusinessDays));
		return thresholds;
	}
}
