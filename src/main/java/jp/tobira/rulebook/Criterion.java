package jp.tobira.rulebook;

import java.util.List;
import java.util.Optional;

/**
 * Every criterion the rulebook holds (ARCHITECTURE.md §4), with its kind and the
 * thresholds it takes. What a criterion is and which thresholds it has is code, because
 * the checks that measure it are; whether it is switched on and the values of its
 * thresholds are data, a version's ({@link RulebookVersion}).
 *
 * A {@link Kind#GATE} is a condition of the ordinance without which no approval is
 * lawful: it is always on, and the engine refuses an approval that fails it. An
 * {@link Kind#ADVICE} criterion raises a flag for the reviewer, who may overrule it with
 * a written reason.
 */
public enum Criterion {

	RESERVE_COVERAGE(Kind.ADVICE, Threshold.decimal("minRatio", "0.50", "10.00")),

	ASSET_ELIGIBILITY(Kind.ADVICE, Threshold.assetClasses("eligibleClasses"),
			Threshold.whole("maxGovernmentMaturityMonths", 1, 600)),

	ATTESTATION_AGE(Kind.ADVICE, Threshold.whole("maxDays", 1, 3650)),

	AUDIT_AGE(Kind.ADVICE, Threshold.whole("maxMonths", 1, 120)),

	REDEMPTION(Kind.ADVICE, Threshold.whole("maxBusinessDays", 0, 365)),

	/** Reserves segregated and bankruptcy-remote: measured by the pre-screen too. */
	SEGREGATION(Kind.GATE),

	/** The home framework judged equivalent: measured by the pre-screen too. */
	JURISDICTION(Kind.GATE),

	/** The home regulator has confirmed information sharing. */
	INFORMATION_SHARING(Kind.GATE),

	/** A registered Japanese intermediary is named. */
	JAPANESE_INTERMEDIARY(Kind.GATE),

	/** The share of reserves held in the token's own currency. */
	RESERVE_CURRENCY(Kind.ADVICE, Threshold.decimal("minShare", "0.00", "1.00")),

	/**
	 * The share of reserves in cash and demand deposits (MiCA asks 30 %, 60 % for
	 * significant tokens).
	 */
	LIQUID_SHARE(Kind.ADVICE, Threshold.decimal("minShare", "0.00", "1.00")),

	/** The longest remaining term of government paper (the GENIUS Act allows 93 days). */
	GOVERNMENT_PAPER_TERM(Kind.ADVICE, Threshold.whole("maxDays", 1, 3650)),

	/** The largest share of reserves held by one custodian. */
	CUSTODIAN_CONCENTRATION(Kind.ADVICE, Threshold.decimal("maxShare", "0.01", "1.00")),

	/** The auditor is on the supervisor's list of firms of recognised standing. */
	RECOGNISED_AUDITOR(Kind.ADVICE, Threshold.names("auditors", 200));

	public enum Kind {

		GATE, ADVICE

	}

	private final Kind kind;

	private final List<Threshold> thresholds;

	Criterion(Kind kind, Threshold... thresholds) {
		this.kind = kind;
		this.thresholds = List.of(thresholds);
	}

	public Kind kind() {
		return kind;
	}

	public List<Threshold> thresholds() {
		return thresholds;
	}

	public boolean gate() {
		return kind == Kind.GATE;
	}

	public static Optional<Criterion> of(String code) {
		for (Criterion criterion : values()) {
			if (criterion.name().equals(code)) {
				return Optional.of(criterion);
			}
		}
		return Optional.empty();
	}

}
