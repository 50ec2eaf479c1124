package jp.tobira.checks;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

import jp.tobira.application.ApplicationContent.ReserveAsset;
import jp.tobira.application.ApplicationContent;
import jp.tobira.application.AssetClass;
import jp.tobira.cooperation.EquivalenceStatus;
import jp.tobira.cooperation.Jurisdictions;
import jp.tobira.rulebook.Criterion;
import jp.tobira.rulebook.CriterionSetting;
import jp.tobira.rulebook.Rulebook;
import jp.tobira.rulebook.RulebookVersion;
import jp.tobira.validation.Phrase;

/**
 * The automatic checks of ARCHITECTURE.md §4, measured against the thresholds of a
 * rulebook version; a criterion the version switches off is not run. Each result says
 * what was measured and against what, so a screen can explain every flag. Missing data is
 * reported as not evaluated, never as fine. A check's code is its criterion's.
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

	public static final String RESERVE_CURRENCY = "RESERVE_CURRENCY";

	public static final String LIQUID_SHARE = "LIQUID_SHARE";

	public static final String GOVERNMENT_PAPER_TERM = "GOVERNMENT_PAPER_TERM";

	public static final String CUSTODIAN_CONCENTRATION = "CUSTODIAN_CONCENTRATION";

	public static final String RECOGNISED_AUDITOR = "RECOGNISED_AUDITOR";

	/** Every check, in the order a report lists them. */
	public static final List<String> CHECKS = List.of(RESERVE_COVERAGE, ASSET_ELIGIBILITY, ATTESTATION_AGE, AUDIT_AGE,
			REDEMPTION, SEGREGATION, JURISDICTION, RESERVE_CURRENCY, LIQUID_SHARE, GOVERNMENT_PAPER_TERM,
			CUSTODIAN_CONCENTRATION, RECOGNISED_AUDITOR);

	/**
	 * The checks a monthly reserve report can be measured by: those of the reserves, the
	 * attestation and the month's redemptions. The others concern the applicant (its
	 * trust, its home jurisdiction, its auditor, its annual audit), which a report does
	 * not restate.
	 */
	public static final List<String> RESERVE_REPORT_CHECKS = List.of(RESERVE_COVERAGE, ASSET_ELIGIBILITY,
			ATTESTATION_AGE, REDEMPTION, RESERVE_CURRENCY, LIQUID_SHARE, GOVERNMENT_PAPER_TERM,
			CUSTODIAN_CONCENTRATION);

	/**
	 * Paper whose remaining term is limited; a row of this class without a maturity
	 * cannot be shown to be short.
	 */
	private static final Set<AssetClass> TERM_LIMITED = EnumSet.of(AssetClass.GOVERNMENT_BILL,
			AssetClass.GOVERNMENT_BOND, AssetClass.REVERSE_REPO);

	/** Reserves a holder can be paid from on the day: the liquid share. */
	private static final Set<AssetClass> LIQUID = EnumSet.of(AssetClass.CASH, AssetClass.DEMAND_DEPOSIT);

	/** Government paper, whose remaining term the paper-term criterion limits. */
	private static final Set<AssetClass> GOVERNMENT_PAPER = EnumSet.of(AssetClass.GOVERNMENT_BILL,
			AssetClass.GOVERNMENT_BOND);

	/** Runs of whitespace of any script (an ideographic space too), for names. */
	private static final Pattern WHITESPACE = Pattern.compile("(?U)\\s+");

	private final Supplier<RulebookVersion> inForce;

	private final Function<String, EquivalenceStatus> jurisdictionStatus;

	@Autowired
	AutomaticChecks(Rulebook rulebook, Jurisdictions jurisdictions) {
		this(rulebook::inForce, jurisdictions::statusOf);
	}

	AutomaticChecks(Supplier<RulebookVersion> inForce, Function<String, EquivalenceStatus> jurisdictionStatus) {
		this.inForce = inForce;
		this.jurisdictionStatus = jurisdictionStatus;
	}

	/**
	 * Today's run, under the version in force.
	 * @param asOf the date of submission (today, for a draft)
	 */
	public CheckReport run(ApplicationContent content, LocalDate asOf) {
		return run(inForce.get(), content, asOf);
	}

	/**
	 * The checks the version switches on, in the order of {@link #CHECKS}.
	 * @param asOf the date of submission (today, for a draft)
	 */
	public CheckReport run(RulebookVersion version, ApplicationContent content, LocalDate asOf) {
		List<CheckResult> results = new ArrayList<>();
		for (String check : CHECKS) {
			CriterionSetting setting = version.setting(Criterion.valueOf(check));
			if (setting.enabled()) {
				results.add(measure(check, setting, content, asOf));
			}
		}
		return new CheckReport(results, version.version());
	}

	/**
	 * What a monthly reserve report gives the checks.
	 *
	 * @param asOf the last day of the report's month: the ages are measured to it
	 * @param peggedCurrency the token's currency, from its application
	 * @param longestRedemptionBusinessDays the longest a redemption took in the month
	 */
	public record ReserveFigures(LocalDate asOf, String peggedCurrency, BigDecimal outstandingSupply,
			ApplicationContent.Reserves reserves, LocalDate attestationDate, int longestRedemptionBusinessDays) {
	}

	/**
	 * A monthly reserve report's run: the checks of {@link #RESERVE_REPORT_CHECKS} the
	 * version switches on, measured as an application's are (the same thresholds, the
	 * same values), but redemption by the time it took, as a report says nothing of the
	 * price.
	 */
	public CheckReport run(RulebookVersion version, ReserveFigures figures) {
		ApplicationContent content = new ApplicationContent(null,
				new ApplicationContent.Token(null, null, figures.peggedCurrency(), figures.outstandingSupply(),
						figures.asOf(), null),
				null, figures.reserves(),
				new ApplicationContent.AuditAndAttestation(null, null, figures.attestationDate(), null), null, null);
		List<CheckResult> results = new ArrayList<>();
		for (String check : RESERVE_REPORT_CHECKS) {
			CriterionSetting setting = version.setting(Criterion.valueOf(check));
			if (setting.enabled()) {
				results.add(REDEMPTION.equals(check) ? redemptionTime(setting, figures.longestRedemptionBusinessDays())
						: measure(check, setting, content, figures.asOf()));
			}
		}
		return new CheckReport(results, version.version());
	}

	private CheckResult redemptionTime(CriterionSetting setting, int longestBusinessDays) {
		int maxBusinessDays = setting.whole("maxBusinessDays");
		Phrase threshold = Phrase.of("check.threshold.redemptionTime", maxBusinessDays);
		Phrase value = Phrase.of("check.value.redemptionTime", longestBusinessDays);
		return longestBusinessDays <= maxBusinessDays ? CheckResult.passed(REDEMPTION, value, threshold)
				: CheckResult.failed(REDEMPTION, value, threshold, Flag.SLOW_REDEMPTION);
	}

	private CheckResult measure(String check, CriterionSetting setting, ApplicationContent content, LocalDate asOf) {
		return switch (check) {
			case RESERVE_COVERAGE -> coverage(setting, content);
			case ASSET_ELIGIBILITY -> eligibility(setting, content);
			case ATTESTATION_AGE -> attestation(setting, content, asOf);
			case AUDIT_AGE -> audit(setting, content, asOf);
			case REDEMPTION -> redemption(setting, content);
			case SEGREGATION -> segregation(content);
			case JURISDICTION -> jurisdiction(content);
			case RESERVE_CURRENCY -> reserveCurrency(setting, content);
			case LIQUID_SHARE -> liquidShare(setting, content);
			case GOVERNMENT_PAPER_TERM -> paperTerm(setting, content);
			case CUSTODIAN_CONCENTRATION -> custodianConcentration(setting, content);
			case RECOGNISED_AUDITOR -> recognisedAuditor(setting, content);
			default -> throw new IllegalStateException("No measurement for " + check);
		};
	}

	private CheckResult coverage(CriterionSetting setting, ApplicationContent content) {
		BigDecimal minRatio = setting.decimal("minRatio");
		Phrase threshold = Phrase.of("check.threshold.coverage", minRatio.toPlainString());
		return content.coverageRatio()
			.map(ratio -> ratio.atLeast(minRatio)
					? CheckResult.passed(RESERVE_COVERAGE, Phrase.of("check.value.plain", ratio.toString()), threshold)
					: CheckResult.failed(RESERVE_COVERAGE, Phrase.of("check.value.plain", ratio.toString()), threshold,
							Flag.UNDER_BACKED))
			.orElseGet(() -> CheckResult.notEvaluated(RESERVE_COVERAGE, "coverage", threshold));
	}

	private CheckResult eligibility(CriterionSetting setting, ApplicationContent content) {
		Set<AssetClass> eligible = EnumSet.noneOf(AssetClass.class);
		setting.names("eligibleClasses").forEach(name -> eligible.add(AssetClass.valueOf(name)));
		java.time.Period maxMaturity = java.time.Period.ofMonths(setting.whole("maxGovernmentMaturityMonths"));
		Phrase threshold = Phrase.of("check.threshold.eligibility",
				eligible.stream().map(c -> (Object) Phrase.of("option." + c)).toList(), maxMaturity.toTotalMonths());
		if (content.reserves() == null || content.reserves().assets() == null || content.reserves().assets().isEmpty()
				|| content.reserves().asOf() == null) {
			return CheckResult.notEvaluated(ASSET_ELIGIBILITY, "reserves", threshold);
		}
		LocalDate latestMaturity = content.reserves().asOf().plus(maxMaturity);
		List<Object> offending = new ArrayList<>();
		List<ReserveAsset> assets = content.reserves().assets();
		for (int i = 0; i < assets.size(); i++) {
			ReserveAsset asset = assets.get(i);
			Phrase assetClass = Phrase.of("option." + asset.assetClass());
			String amount = asset.amount().toPlainString();
			if (!eligible.contains(asset.assetClass())) {
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

	private CheckResult attestation(CriterionSetting setting, ApplicationContent content, LocalDate asOf) {
		int maxDays = setting.whole("maxDays");
		Phrase threshold = Phrase.of("check.threshold.days", maxDays);
		LocalDate date = content.audit() == null ? null : content.audit().lastAttestationDate();
		if (date == null) {
			return CheckResult.notEvaluated(ATTESTATION_AGE, "attestation", threshold);
		}
		Phrase value = Phrase.of("check.value.days", ChronoUnit.DAYS.between(date, asOf), date.toString());
		return date.plusDays(maxDays).isBefore(asOf)
				? CheckResult.failed(ATTESTATION_AGE, value, threshold, Flag.STALE_ATTESTATION)
				: CheckResult.passed(ATTESTATION_AGE, value, threshold);
	}

	private CheckResult audit(CriterionSetting setting, ApplicationContent content, LocalDate asOf) {
		int maxMonths = setting.whole("maxMonths");
		Phrase threshold = Phrase.of("check.threshold.months", maxMonths);
		LocalDate date = content.audit() == null ? null : content.audit().lastAuditDate();
		if (date == null) {
			return CheckResult.notEvaluated(AUDIT_AGE, "audit", threshold);
		}
		Phrase value = Phrase.of("check.value.months", ChronoUnit.MONTHS.between(date, asOf), date.toString());
		return date.plusMonths(maxMonths).isBefore(asOf)
				? CheckResult.failed(AUDIT_AGE, value, threshold, Flag.STALE_AUDIT)
				: CheckResult.passed(AUDIT_AGE, value, threshold);
	}

	private CheckResult redemption(CriterionSetting setting, ApplicationContent content) {
		int maxBusinessDays = setting.whole("maxBusinessDays");
		Phrase threshold = Phrase.of("check.threshold.redemption", maxBusinessDays);
		var redemption = content.redemption();
		if (redemption == null || redemption.atPar() == null || redemption.maxBusinessDays() == null) {
			return CheckResult.notEvaluated(REDEMPTION, "redemption", threshold);
		}
		Phrase value = Phrase.of("check.value.redemption",
				Phrase.of(redemption.atPar() ? "check.atPar" : "check.notAtPar"), redemption.maxBusinessDays());
		boolean prompt = redemption.atPar() && redemption.maxBusinessDays() <= maxBusinessDays;
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

	private CheckResult reserveCurrency(CriterionSetting setting, ApplicationContent content) {
		BigDecimal minShare = setting.decimal("minShare");
		String pegged = content.token() == null ? null : content.token().peggedCurrency();
		Phrase threshold = Phrase.of("check.threshold.currencyShare", percent(minShare), pegged);
		List<ReserveAsset> assets = weighedRows(content);
		if (pegged == null || assets == null || assets.stream().anyMatch(asset -> asset.currency() == null)) {
			return CheckResult.notEvaluated(RESERVE_CURRENCY, "reserveCurrency", threshold);
		}
		BigDecimal total = total(assets);
		BigDecimal inPegged = total(assets.stream().filter(asset -> pegged.equals(asset.currency())).toList());
		Phrase value = Phrase.of("check.value.currencyShare", percent(inPegged, total, RoundingMode.DOWN), pegged);
		return atLeast(inPegged, total, minShare) ? CheckResult.passed(RESERVE_CURRENCY, value, threshold)
				: CheckResult.failed(RESERVE_CURRENCY, value, threshold, Flag.RESERVE_CURRENCY_MISMATCH);
	}

	private CheckResult liquidShare(CriterionSetting setting, ApplicationContent content) {
		BigDecimal minShare = setting.decimal("minShare");
		Phrase threshold = Phrase.of("check.threshold.liquidShare", percent(minShare));
		List<ReserveAsset> assets = weighedRows(content);
		if (assets == null) {
			return CheckResult.notEvaluated(LIQUID_SHARE, "reserveAssets", threshold);
		}
		BigDecimal total = total(assets);
		BigDecimal liquid = total(assets.stream().filter(asset -> LIQUID.contains(asset.assetClass())).toList());
		Phrase value = Phrase.of("check.value.liquidShare", percent(liquid, total, RoundingMode.DOWN));
		return atLeast(liquid, total, minShare) ? CheckResult.passed(LIQUID_SHARE, value, threshold)
				: CheckResult.failed(LIQUID_SHARE, value, threshold, Flag.LOW_LIQUID_SHARE);
	}

	private CheckResult paperTerm(CriterionSetting setting, ApplicationContent content) {
		int maxDays = setting.whole("maxDays");
		Phrase threshold = Phrase.of("check.threshold.days", maxDays);
		if (content.reserves() == null || content.reserves().assets() == null || content.reserves().assets().isEmpty()
				|| content.reserves().asOf() == null) {
			return CheckResult.notEvaluated(GOVERNMENT_PAPER_TERM, "reserves", threshold);
		}
		LocalDate asOf = content.reserves().asOf();
		List<ReserveAsset> assets = content.reserves().assets();
		long longest = Long.MIN_VALUE;
		int longestRow = 0;
		for (int i = 0; i < assets.size(); i++) {
			ReserveAsset asset = assets.get(i);
			if (!GOVERNMENT_PAPER.contains(asset.assetClass())) {
				continue;
			}
			if (asset.maturity() == null) {
				// a bill or bond whose term is unknown may be the longest
				return CheckResult.notEvaluated(GOVERNMENT_PAPER_TERM, "paperMaturity", threshold);
			}
			long days = ChronoUnit.DAYS.between(asOf, asset.maturity());
			if (days > longest) {
				longest = days;
				longestRow = i;
			}
		}
		if (longest == Long.MIN_VALUE) {
			return CheckResult.passed(GOVERNMENT_PAPER_TERM, Phrase.of("check.value.noPaper"), threshold);
		}
		Phrase value = Phrase.of("check.value.paperTerm", longest, longestRow + 1,
				assets.get(longestRow).maturity().toString());
		return longest <= maxDays ? CheckResult.passed(GOVERNMENT_PAPER_TERM, value, threshold)
				: CheckResult.failed(GOVERNMENT_PAPER_TERM, value, threshold, Flag.LONG_PAPER_TERM);
	}

	private CheckResult custodianConcentration(CriterionSetting setting, ApplicationContent content) {
		BigDecimal maxShare = setting.decimal("maxShare");
		Phrase threshold = Phrase.of("check.threshold.custodianShare", percent(maxShare));
		List<ReserveAsset> assets = weighedRows(content);
		if (assets == null
				|| assets.stream().anyMatch(asset -> asset.custodian() == null || asset.custodian().isBlank())) {
			return CheckResult.notEvaluated(CUSTODIAN_CONCENTRATION, "custodians", threshold);
		}
		// one custodian however its name is spaced at the ends or capitalised; shown as
		// its first row names it
		Map<String, BigDecimal> held = new LinkedHashMap<>();
		Map<String, String> named = new LinkedHashMap<>();
		for (ReserveAsset asset : assets) {
			String custodian = asset.custodian().strip().toLowerCase(Locale.ROOT);
			held.merge(custodian, asset.amount(), BigDecimal::add);
			named.putIfAbsent(custodian, asset.custodian().strip());
		}
		Map.Entry<String, BigDecimal> largest = held.entrySet()
			.stream()
			.reduce((a, b) -> b.getValue().compareTo(a.getValue()) > 0 ? b : a)
			.orElseThrow();
		BigDecimal total = total(assets);
		// rounded up, so a share just above the limit never reads as the limit
		Phrase value = Phrase.of("check.value.custodianShare", percent(largest.getValue(), total, RoundingMode.UP),
				named.get(largest.getKey()));
		return atMost(largest.getValue(), total, maxShare)
				? CheckResult.passed(CUSTODIAN_CONCENTRATION, value, threshold)
				: CheckResult.failed(CUSTODIAN_CONCENTRATION, value, threshold, Flag.CUSTODIAN_CONCENTRATION);
	}

	private CheckResult recognisedAuditor(CriterionSetting setting, ApplicationContent content) {
		List<String> auditors = setting.names("auditors");
		Phrase threshold = Phrase.of("check.threshold.auditors", auditors);
		String auditor = content.audit() == null ? null : content.audit().auditor();
		if (auditor == null || auditor.isBlank()) {
			return CheckResult.notEvaluated(RECOGNISED_AUDITOR, "auditor", threshold);
		}
		Phrase value = Phrase.of("check.value.plain", auditor.strip());
		boolean recognised = auditors.stream().map(AutomaticChecks::firmName).anyMatch(firmName(auditor)::equals);
		return recognised ? CheckResult.passed(RECOGNISED_AUDITOR, value, threshold)
				: CheckResult.failed(RECOGNISED_AUDITOR, value, threshold, Flag.UNRECOGNISED_AUDITOR);
	}

	/** A firm's name as the list is compared: stripped, spaces collapsed, any case. */
	private static String firmName(String name) {
		return WHITESPACE.matcher(name.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
	}

	/**
	 * The reserve rows when a share of them can be measured: at least one, each with an
	 * amount, adding up to more than nothing; otherwise {@code null}.
	 */
	private static List<ReserveAsset> weighedRows(ApplicationContent content) {
		if (content.reserves() == null || content.reserves().assets() == null
				|| content.reserves().assets().isEmpty()) {
			return null;
		}
		List<ReserveAsset> assets = content.reserves().assets();
		if (assets.stream().anyMatch(asset -> asset == null || asset.amount() == null) || total(assets).signum() <= 0) {
			return null;
		}
		return assets;
	}

	private static BigDecimal total(List<ReserveAsset> assets) {
		return assets.stream().map(ReserveAsset::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
	}

	/**
	 * part ÷ total ≥ share, compared as part ≥ share × total: exact, with no quotient
	 * whose rounding could lift a failing share onto its threshold.
	 */
	static boolean atLeast(BigDecimal part, BigDecimal total, BigDecimal share) {
		return part.compareTo(share.multiply(total)) >= 0;
	}

	/** part ÷ total ≤ share, exactly, as {@link #atLeast}. */
	static boolean atMost(BigDecimal part, BigDecimal total, BigDecimal share) {
		return part.compareTo(share.multiply(total)) <= 0;
	}

	/** A threshold share as a percentage: 0.30 reads 30. */
	private static String percent(BigDecimal share) {
		return share.movePointRight(2).stripTrailingZeros().toPlainString();
	}

	/**
	 * A measured share as a percentage to two places, rounded away from the threshold's
	 * side: a failing share must never read as meeting it.
	 */
	private static String percent(BigDecimal part, BigDecimal total, RoundingMode rounding) {
		return part.movePointRight(2).divide(total, 2, rounding).stripTrailingZeros().toPlainString();
	}

}
