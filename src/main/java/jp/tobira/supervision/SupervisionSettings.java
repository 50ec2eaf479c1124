package jp.tobira.supervision;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The reporting calendar's two numbers, configurable ({@code tobira.supervision.*}).
 *
 * @param dueBusinessDay the business day of the next month by which a month's reserve
 * report is due
 * @param graceBusinessDays the business days after the due day before a missing report is
 * followed up
 */
@ConfigurationProperties("tobira.supervision")
record SupervisionSettings(@DefaultValue("10") int dueBusinessDay, @DefaultValue("5") int graceBusinessDays) {
}
