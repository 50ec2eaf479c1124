package jp.tobira.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jp.tobira.audit.AuditKind;
import jp.tobira.audit.AuditLog;
import jp.tobira.security.Actor;
import jp.tobira.security.Group;
import jp.tobira.security.Users;
import jp.tobira.validation.FieldProblem;
import jp.tobira.validation.InvalidInput;

/**
 * Delegation while away: a reviewer names a delegate who shares one of their staff groups
 * for a period from today on, never two periods of theirs at once; while one runs,
 * {@link ReviewTasks#assign} gives their tasks to the delegate instead. Each one named
 * and ended is audited; so is each task it redirects (by the engine adapter).
 */
@Service
public class Delegations {

	private static final String SELECT = """
			SELECT d.*, f.display_name AS delegator_name, t.display_name AS delegate_name
			FROM app.delegation d
			JOIN app.users f ON f.username = d.delegator
			JOIN app.users t ON t.username = d.delegate
			""";

	private final JdbcClient jdbc;

	private final Users users;

	private final AuditLog auditLog;

	private final Clock clock;

	Delegations(JdbcClient jdbc, Users users, AuditLog auditLog, Clock clock) {
		this.jdbc = jdbc;
		this.users = users;
		this.auditLog = auditLog;
		this.clock = clock;
	}

	/**
	 * The delegations the actor is in, as the one away or the one standing in, that have
	 * not ended and not run out: the soonest first.
	 */
	@Transactional(readOnly = true)
	public List<Delegation> of(Actor actor) {
		return jdbc.sql(SELECT + """
				WHERE (d.delegator = :user OR d.delegate = :user) AND d.ended_at IS NULL AND d.ends_on >= :today
				ORDER BY d.starts_on, d.id
				""").param("user", actor.username()).param("today", today()).query(Delegations::map).list();
	}

	/**
	 * Whom the actor may name: the other members of their groups of the supervisor's
	 * staff.
	 */
	@Transactional(readOnly = true)
	public List<String> choices(Actor actor) {
		return actor.groups()
			.stream()
			.filter(Group::isSupervisorStaff)
			.flatMap(group -> users.membersOf(group).stream())
			.filter(name -> !name.equals(actor.username()))
			.distinct()
			.sorted()
			.toList();
	}

	/**
	 * Names a delegate for a period, or refuses naming each field that is wrong (no
	 * delegate, oneself, someone sharing none of one's staff groups; a day missing,
	 * malformed or past; an end before the start; a period overlapping one of one's own),
	 * storing nothing. The delegator's row is locked, so two at once cannot overlap.
	 */
	@Transactional
	public Delegation name(Actor actor, String delegate, String from, String to) {
		List<FieldProblem> problems = new ArrayList<>();
		String named = delegate == null ? "" : delegate.strip();
		if (named.isEmpty()) {
			problems.add(FieldProblem.of("delegate", "problem.delegation.delegateRequired"));
		}
		else if (named.equals(actor.username())) {
			problems.add(FieldProblem.of("delegate", "problem.delegation.self"));
		}
		else if (!choices(actor).contains(named)) {
			problems.add(FieldProblem.of("delegate", "problem.delegation.notInGroup", named));
		}
		LocalDate today = today();
		LocalDate startsOn = day(from, "from", today, problems);
		LocalDate endsOn = day(to, "to", today, problems);
		if (startsOn != null && endsOn != null && endsOn.isBefore(startsOn)) {
			problems.add(FieldProblem.of("to", "problem.delegation.endBeforeStart", startsOn.toString()));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInput(problems);
		}
		jdbc.sql("SELECT username FROM app.users WHERE username = ? FOR UPDATE")
			.param(actor.username())
			.query(String.class)
			.list();
		List<Delegation> overlapping = jdbc.sql(SELECT + """
				WHERE d.delegator = :user AND d.ended_at IS NULL AND d.starts_on <= :to AND d.ends_on >= :from
				""")
			.param("user", actor.username())
			.param("from", startsOn)
			.param("to", endsOn)
			.query(Delegations::map)
			.list();
		if (!overlapping.isEmpty()) {
			Delegation other = overlapping.get(0);
			throw InvalidInput.of("from", "problem.delegation.overlaps", other.delegate(), other.startsOn().toString(),
					other.endsOn().toString());
		}
		UUID id = UUID.randomUUID();
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		jdbc.sql("""
				INSERT INTO app.delegation (id, delegator, delegate, starts_on, ends_on, created_at)
				VALUES (?, ?, ?, ?, ?, ?)
				""").params(id, actor.username(), named, startsOn, endsOn, Timestamp.from(now)).update();
		Delegation delegation = find(id).orElseThrow();
		auditLog.append(actor.username(), null, AuditKind.DELEGATION_SET, payload(delegation));
		return delegation;
	}

	/**
	 * Ends one of the actor's own delegations now: it redirects nothing more. Another's
	 * reads as not found; one already ended stays as it was.
	 */
	@Transactional
	public void end(Actor actor, UUID id) {
		Delegation delegation = find(id).filter(found -> found.delegator().equals(actor.username()))
			.orElseThrow(() -> new DelegationNotFound(id));
		if (delegation.endedAt() != null) {
			return;
		}
		jdbc.sql("UPDATE app.delegation SET ended_at = ? WHERE id = ?")
			.params(Timestamp.from(clock.instant()), id)
			.update();
		auditLog.append(actor.username(), null, AuditKind.DELEGATION_ENDED, payload(delegation));
	}

	/** The delegation in force today for the user, if they are away. */
	@Transactional(readOnly = true)
	public Optional<Delegation> runningFor(String username) {
		return jdbc.sql(SELECT + """
				WHERE d.delegator = :user AND d.ended_at IS NULL AND d.starts_on <= :today AND d.ends_on >= :today
				ORDER BY d.starts_on LIMIT 1
				""").param("user", username).param("today", today()).query(Delegations::map).optional();
	}

	/**
	 * Keeps whom a task given to a delegate was meant for, so the list can say so. Called
	 * by the engine adapter in the assignment's transaction.
	 */
	@Transactional
	public void recordDelegatedTask(String taskId, Delegation delegation) {
		jdbc.sql("""
				INSERT INTO app.delegated_task (task_id, meant_for, delegate, delegation_id, assigned_at)
				VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (task_id) DO UPDATE SET meant_for = EXCLUDED.meant_for, delegate = EXCLUDED.delegate,
				    delegation_id = EXCLUDED.delegation_id, assigned_at = EXCLUDED.assigned_at
				""")
			.params(taskId, delegation.delegator(), delegation.delegate(), delegation.id(),
					Timestamp.from(clock.instant()))
			.update();
	}

	private Optional<Delegation> find(UUID id) {
		return jdbc.sql(SELECT + " WHERE d.id = ?").param(id).query(Delegations::map).optional();
	}

	private LocalDate today() {
		return LocalDate.now(clock);
	}

	private static LocalDate day(String typed, String field, LocalDate today, List<FieldProblem> problems) {
		if (typed == null || typed.isBlank()) {
			problems.add(FieldProblem.of(field, "problem.delegation.dayRequired"));
			return null;
		}
		try {
			LocalDate day = LocalDate.parse(typed.strip());
			if (day.isBefore(today)) {
				problems.add(FieldProblem.of(field, "problem.delegation.past", today.toString()));
				return null;
			}
			return day;
		}
		catch (DateTimeParseException ex) {
			problems.add(FieldProblem.of(field, "problem.delegation.day"));
			return null;
		}
	}

	private static Map<String, Object> payload(Delegation delegation) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("id", delegation.id().toString());
		payload.put("delegator", delegation.delegator());
		payload.put("delegate", delegation.delegate());
		payload.put("from", delegation.startsOn().toString());
		payload.put("to", delegation.endsOn().toString());
		return payload;
	}

	private static Delegation map(ResultSet rs, int row) throws SQLException {
		Timestamp ended = rs.getTimestamp("ended_at");
		return new Delegation(rs.getObject("id", UUID.class), rs.getString("delegator"), rs.getString("delegator_name"),
				rs.getString("delegate"), rs.getString("delegate_name"), rs.getObject("starts_on", LocalDate.class),
				rs.getObject("ends_on", LocalDate.class), rs.getTimestamp("created_at").toInstant(),
				ended == null ? null : ended.toInstant());
	}

}
