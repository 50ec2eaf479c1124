package jp.tobira.supervision;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import jp.tobira.notification.Notifications;

/**
 * Reminds issuers, once a day, of last month's reserve report while it is due and not yet
 * filed: from the calendar's reminder day to the due day (Tokyo's calendar). Every node
 * runs the job; the outbox writes one message per token, month and recipient whichever
 * node comes first ({@code Notifications.reserveReportDue}). After the due day the
 * supervision process says the report is overdue, which tells the issuer itself.
 */
@Component
public class ReportDueReminders {

	private final JdbcClient jdbc;

	private final ReportingCalendar calendar;

	private final Notifications notifications;

	private final Clock clock;

	ReportDueReminders(JdbcClient jdbc, ReportingCalendar calendar, Notifications notifications, Clock clock) {
		this.jdbc = jdbc;
		this.calendar = calendar;
		this.notifications = notifications;
		this.clock = clock;
	}

	@Scheduled(cron = "${tobira.notifications.due-reminders:0 0 8 * * *}", zone = "Asia/Tokyo")
	public void remindOfToday() {
		// the application's clock runs in Tokyo, the statutory calendar's zone
		remindOn(LocalDate.now(clock));
	}

	/**
	 * Writes a reminder to each token still under supervision whose report for the month
	 * before {@code today} is due and not filed, if {@code today} is in its reminder
	 * window.
	 * @return how many tokens were reminded
	 */
	@Transactional
	public int remindOn(LocalDate today) {
		YearMonth period = YearMonth.from(today).minusMonths(1);
		LocalDate dueDay = calendar.dueDay(period);
		if (today.isBefore(calendar.reminderDay(period)) || today.isAfter(dueDay)) {
			return 0;
		}
		// one statement, however many tokens: the supervised ones reporting on the month
		// with no report for it yet
		List<Unfiled> unfiled = jdbc.sql("""
				SELECT s.application_id, s.reference, a.organisation_id
				FROM app.supervision s JOIN app.application a ON a.id = s.application_id
				WHERE s.ended_as IS NULL AND s.first_period <= :period
				  AND NOT EXISTS (SELECT 1 FROM app.reserve_report r
				                  WHERE r.application_id = s.application_id AND r.period = :period)
				""")
			.param("period", period.toString())
			.query((rs, row) -> new Unfiled(rs.getObject("application_id", UUID.class), rs.getString("reference"),
					rs.getObject("organisation_id", UUID.class)))
			.list();
		for (Unfiled token : unfiled) {
			notifications.reserveReportDue(token.organisationId(), token.applicationId(), token.reference(), period,
					dueDay);
		}
		return unfiled.size();
	}

	private record Unfiled(UUID applicationId, String reference, UUID organisationId) {
	}

}
