package jp.tobira.application;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import jp.tobira.audit.AuditKind;
import jp.tobira.audit.AuditLog;
import jp.tobira.validation.InvalidInput;

/**
 * The national holidays, as data an admin extends each year (every change audited), and
 * the business calendar made from them. The calendar is kept in memory (the table has a
 * few dozen rows) and rebuilt after each change commits.
 */
@Service
public class Holidays {

	private final JdbcClient jdbc;

	private final AuditLog auditLog;

	private final Clock clock;

	private final AtomicReference<BusinessCalendar> calendar = new AtomicReference<>();

	Holidays(JdbcClient jdbc, AuditLog auditLog, Clock clock) {
		this.jdbc = jdbc;
		this.auditLog = auditLog;
		this.clock = clock;
	}

	public List<Holiday> all() {
		return jdbc.sql("SELECT day, name_en, name_ja FROM app.holiday ORDER BY day")
			.query((rs, row) -> new Holiday(rs.getObject("day", LocalDate.class), rs.getString("name_en"),
					rs.getString("name_ja")))
			.list();
	}

	public BusinessCalendar calendar() {
		BusinessCalendar current = calendar.get();
		if (current == null) {
			current = BusinessCalendar.of(all().stream().map(Holiday::day).collect(Collectors.toSet()));
			calendar.set(current);
		}
		return current;
	}

	/**
	 * True when the holiday data covers less than the next twelve months: the admin must
	 * add the next year.
	 */
	public boolean coverageWarning(LocalDate today) {
		return !calendar().covers(today.plusMonths(12));
	}

	@Transactional
	public void add(String actor, Holiday holiday) {
		if (holiday.day() == null) {
			throw InvalidInput.of("day", "problem.required");
		}
		requireName("nameEn", holiday.nameEn());
		requireName("nameJa", holiday.nameJa());
		int added = jdbc.sql("""
				INSERT INTO app.holiday (day, name_en, name_ja, created_by, created_at) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (day) DO NOTHING
				""")
			.params(holiday.day(), holiday.nameEn().strip(), holiday.nameJa().strip(), actor,
					Timestamp.from(clock.instant()))
			.update();
		if (added == 0) {
			throw InvalidInput.of("day", "problem.alreadyHoliday", holiday.day().toString());
		}
		audit(actor, "added", holiday);
	}

	@Transactional
	public void remove(String actor, LocalDate day) {
		Holiday existing = all().stream()
			.filter(h -> h.day().equals(day))
			.findFirst()
			.orElseThrow(() -> InvalidInput.of("day", "problem.notHoliday", String.valueOf(day)));
		jdbc.sql("DELETE FROM app.holiday WHERE day = ?").param(day).update();
		audit(actor, "removed", existing);
	}

	private void audit(String actor, String change, Holiday holiday) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("table", "holiday");
		payload.put("change", change);
		payload.put("day", holiday.day().toString());
		payload.put("nameEn", holiday.nameEn());
		payload.put("nameJa", holiday.nameJa());
		auditLog.append(actor, null, AuditKind.CONFIGURATION_CHANGED, payload);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCompletion(int status) {
				calendar.set(null);
			}
		});
	}

	private static void requireName(String field, String name) {
		if (name == null || name.isBlank() || name.length() > 100) {
			throw InvalidInput.of(field, "problem.requiredShort", 100);
		}
	}

}
