package jp.tobira.application;

/**
 * The kinds of reserve asset an issuer can report; which are eligible is configuration
 * (tobira.checks).
 */
public enum AssetClass {

	CASH, DEMAND_DEPOSIT, TIME_DEPOSIT, GOVERNMENT_BILL, GOVERNMENT_BOND, REVERSE_REPO, MONEY_MARKET_FUND,
	COMMERCIAL_PAPER, CORPORATE_BOND, OTHER

}
