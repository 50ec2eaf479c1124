package jp.tobira.decision;

import java.time.LocalDate;
import java.util.List;

/**
 * One recognised token in the public register (ARCHITECTURE.md §6): what was decided, its
 * status since a day, and every change of its status, the recognition first.
 */
public record RegisterEntry(String reference, String tokenName, String symbol, String peggedCurrency, String issuer,
		String homeJurisdiction, String homeRegulator, String intermediary, String intermediaryRegistration,
		LocalDate decisionDate, String conditions, RegisterStatus status, LocalDate statusSince,
		List<RegisterStatusChange> history) {
}
