package jp.tobira.checks;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

import jp.tobira.application.ApplicationContent.ReserveAsset;
import jp.tobira.application.ApplicationContent;
import jp.tobira.application.AssetClass;
import jp.tobira.cooperation.EquivalenceStatus;
import jp.tobira.cooperation.Jurisdictions;
import jp.tobira.validation.Phrase;

/**
 * The automatic checks of ARCHITECTURE.md §4, measured against configured thresholds.
 * Each result says what was measured and against what, so a screen can explain every
 * flag. Missing data is reported as not evaluated, never as fine.
 */
@Service
public class AutomaticChecks {

	public static final String RESERVE_COVERAGE = "RESERVE_COVERAGE";

	public static final String ASSET_ELIGIBILITY = "ASSET_ELIGIBILITY";

	public static final String ATTESTATION_AGE = "ATTESTATION_AGE";

	public static final String AUDIT_AGE = "AUDIT_AGE";

	public static final String REDEMPTION = "REDEMPTION";

	public static final String SEGREGATION = "SEGREGATION";

	public static final String JURISDICTION = "JURISDICTION";

	/** Every check, in the order a report lists them. */
	public static final List<String> CHECKS = List.of(RESERVE_COVERAGE, ASSET_ELIGIBILITY, ATTESTATION_AGE, AUDIT_AGE,
			REDEMPTION, SEGREGATION, JURISDICTION);

	/**
	 * Paper whose remaining term is limited; a row of this class without a maturity
	 * cannot be shown to be short.
	 */
	private static final Set<AssetClass> TERM_LIMITED = EnumSet.of(AssetClass.GOVERNMENT_BILL,
			AssetClass.GOVERNMENT_BOND, AssetClass.REVERSE_REPO);

	private final ChecksProperties limits;

	private final Function<String, EquivalenceStatus> jurisdictionStatus;

	@Autowired
	AutomaticChecks(ChecksProperties limits, Jurisdictions jurisdictions) {
		this(limits, jurisdictions::statusOf);
	}

	AutomaticChecks(ChecksProperties limits, Function<String, EquivalenceStatus> jurisdictionStatus) {
		this.limits = limits;
		this.jurisdictionStatus = jurisdictionStatus;
	}

	public ChecksProperties limits() {
		return limits;
	}

	/**
	 * @param asOf the date of submission (today, for a draft)
	 */
	public CheckReport run(ApplicationContent content, LocalDate asOf) {
		return new CheckReport(List.of(coverage(content), eligibility(content), attestation(content, asOf),
				audit(content, asOf), redemption(content), segregation(content), jurisdiction(content)));
	}

	private CheckResult coverage(ApplicationContent content) {
		Phrase threshold = Phrase.of("check.threshold.coverage", limits.minCoverageRatio().toPlainString());
		return content.coverageRatio()
			.map(ratio -> ratio.atLeast(limits.minCoverageRatio())
					? CheckResult.passed(RESERVE_COVERAGE, Phrase.of("check.value.plain", ratio.toString()), threshold)
					: CheckResult.failed(RESERVE_COVERAGE, Phrase.of("check.value.plain", ratio.toString()), threshold,
							Flag.UNDER_BACKED))
			.orElseGet(() -> CheckResult.notEvaluated(RESERVE_COVERAGE, "coverage", threshold));
	}

	private CheckResult eligibility(ApplicationContent content) {
		Phrase threshold = Phrase.of("check.threshold.eligibility",
				limits.eligibleAssetClasses().stream().map(c -> (Object) Phrase.of("option." + c)).toList(),
				limits.maxGovernmentMaturity().toTotalMonths());
		if (content.reserves() == null || content.reserves().assets() == null || content.reserves().assets().isEmpty()
				|| content.reserves().asOf() == null) {
			return CheckResult.notEvaluated(ASSET_ELIGIBILITY, "reserves", threshold);
		}
		LocalDate latestMaturity = content.reserves().asOf().plus(limits.maxGovernmentMaturity());
		List<Object> offending = new ArrayList<>();
		List<ReserveAsset> assets = content.reserves().assets();
		for (int i = 0; i < assets.size(); i++) {
			ReserveAsset asset = assets.get(i);
			Phrase assetClass = Phrase.of("option." + asset.assetClass());
			String amount = asset.amount().toPlainString();
			if (!limits.eligibleAssetClasses().contains(asset.assetClass())) {
				offending.add(Phrase.of("check.row.ineligible", i + 1, assetClass, amount));
			}
			else if (TERM_LIMITED.contains(asset.assetClass()) && asset.maturity() == null
					&& asset.assetClass() != AssetClass.REVERSE_REPO) {
				offending.add(Phrase.of("check.row.noMaturity", i + 1, assetClass, amount));
			}
			else if (TERM_LIMITED.contains(asset.assetClass()) && asset.maturity() != null
					&& asset.maturity().isAfter(latestMaturity)) {
				offending.add(Phrase.of("check.row.late", i + 1, assetClass, amount, asset.maturity().toString(),
						latestMaturity.toString()));
			}
		}
		return offending.isEmpty()
				? CheckResult.passed(ASSET_ELIGIBILITY, Phrase.of("check.value.eligible", assets.size()), threshold)
				: CheckResult.failed(ASSET_ELIGIBILITY, Phrase.of("check.value.plain", offending), threshold,
						Flag.INELIGIBLE_ASSETS);
	}

	private CheckResult attestation(ApplicationContent content, LocalDate asOf) {
		Phrase threshold = Phrase.of("check.threshold.days", limits.maxAttestationAge().getDays());
		LocalDate date = content.audit() == null ? null : content.audit().lastAttestationDate();
		if (date == null) {
			return CheckResult.notEvaluated(ATTESTATION_AGE, "attestation", threshold);
		}
		Phrase value = Phrase.of("check.value.days", ChronoUnit.DAYS.between(date, asOf), date.toString());
		return date.plus(limits.maxAttestationAge()).isBefore(asOf)
				? CheckResult.failed(ATTESTATION_AGE, value, threshold, Flag.STALE_ATTESTATION)
				: CheckResult.passed(ATTESTATION_AGE, value, threshold);
	}

	private CheckResult audit(ApplicationContent content, LocalDate asOf) {
		Phrase threshold = Phrase.of("check.threshold.months", limits.maxAuditAge().toTotalMonths());
		LocalDate date = content.audit() == null ? null : content.audit().lastAuditDate();
		if (date == null) {
			return CheckResult.notEvaluated(AUDIT_AGE, "audit", threshold);
		}
		Phrase value = Phrase.of("check.value.months", ChronoUnit.MONTHS.between(date, asOf), date.toString());
		return date.plus(limits.maxAuditAge()).isBefore(asOf)
				? CheckResult.failed(AUDIT_AGE, value, threshold, Flag.STALE_AUDIT)
				: CheckResult.passed(AUDIT_AGE, value, threshold);
	}

	private CheckResult redemption(ApplicationContent content) {
		Phrase threshold = Phrase.of("check.threshold.redemption", limits.maxRedemptionBusinessDays());
		var redemption = content.redemption();
		if (redemption == null || redemption.atPar() == null || redemption.maxBusinessDays() == null) {
			return CheckResult.notEvaluated(REDEMPTION, "redemption", threshold);
		}
		Phrase value = Phrase.of("check.value.redemption",
				Phrase.of(redemption.atPar() ? "check.atPar" : "check.notAtPar"), redemption.maxBusinessDays());
		boolean prompt = redemption.atPar() && redemption.maxBusinessDays() <= limits.maxRedemptionBusinessDays();
		return prompt ? CheckResult.passed(REDEMPTION, value, threshold)
				: CheckResult.failed(REDEMPTION, value, threshold, Flag.SLOW_REDEMPTION);
	}

	private CheckResult segregation(ApplicationContent content) {
		Phrase threshold = Phrase.of("check.threshold.segregation");
		var trust = content.trust();
		if (trust == null || trust.segregated() == null || trust.bankruptcyRemote() == null) {
			return CheckResult.notEvaluated(SEGREGATION, "trust", threshold);
		}
		Phrase value = Phrase.of("check.value.segregation",
				Phrase.of(trust.segregated() ? "check.segregated" : "check.notSegregated"),
				Phrase.of(trust.bankruptcyRemote() ? "check.remote" : "check.notRemote"));
		return trust.segregated() && trust.bankruptcyRemote() ? CheckResult.passed(SEGREGATION, value, threshold)
				: CheckResult.failed(SEGREGATION, value, threshold, Flag.NOT_SEGREGATED);
	}

	private CheckResult jurisdiction(ApplicationContent content) {
		Phrase threshold = Phrase.of("check.value.plain", Phrase.of("equivalence." + EquivalenceStatus.EQUIVALENT));
		String code = content.issuer() == null ? null : content.issuer().jurisdiction();
		if (code == null) {
			return CheckResult.notEvaluated(JURISDICTION, "jurisdiction", threshold);
		}
		EquivalenceStatus status = jurisdictionStatus.apply(code);
		Phrase value = Phrase.of("check.value.jurisdiction", code, Phrase.of("equivalence." + status));
		return switch (status) {
			case EQUIVALENT -> CheckResult.passed(JURISDICTION, value, threshold);
			case NOT_EQUIVALENT -> CheckResult.failed(JURISDICTION, value, threshold, Flag.NOT_EQUIVALENT);
			case UNDER_ASSESSMENT -> CheckResult.failed(JURISDICTION, value, threshold, Flag.UNDER_ASSESSMENT);
		};
	}

}
