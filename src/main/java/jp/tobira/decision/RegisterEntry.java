package jp.tobira.decision;

import java.time.LocalDate;

/** One recognised token in the public register (ARCHITECTURE.md §6). */
public record RegisterEntry(String reference, String tokenName, String symbol, String peggedCurrency, String issuer,
		String homeJurisdiction, String homeRegulator, String intermediary, String intermediaryRegistration,
		LocalDate decisionDate, String conditions, String status) {
}
