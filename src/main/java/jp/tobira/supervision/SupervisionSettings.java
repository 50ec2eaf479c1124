package jp.tobira.supervision;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The reporting calendar's numbers and the filings' monthly bound, configurable
 * ({@code tobira.supervision.*}).
 *
 * @param dueBusinessDay the business day of the next month by which a month's reserve
 * report is due
 * @param graceBusinessDays the business days after the due day before a missing report is
 * followed up
 * @param maxFilingsPerMonth the most reserve reports (versions included) one token files
 * in a calendar month: each brings an attestation, which the application's document quota
 * does not count
 */
@ConfigurationProperties("tobira.supervision")
record SupervisionSettings(@DefaultValue("10") int dueBusinessDay, @DefaultValue("5") int graceBusinessDays,
		@DefaultValue("10") int maxFilingsPerMonth) {

	SupervisionSettings {
		if (maxFilingsPerMonth < 1) {
			throw new IllegalArgumentException("tobira.supervision.max-filings-per-month must be positive");
		}
	}

}
