package jp.tobira.notification;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jp.tobira.audit.AuditKind;
import jp.tobira.audit.AuditLog;
import jp.tobira.security.Actor;
import jp.tobira.validation.InvalidInput;

/**
 * Which kinds of message a user receives: every kind of theirs unless they turned it off
 * ({@code app.notification_opt_out}). A user changes only their own, and only the kinds
 * they can receive; each change is audited.
 */
@Service
public class NotificationPreferences {

	private final JdbcClient jdbc;

	private final AuditLog auditLog;

	NotificationPreferences(JdbcClient jdbc, AuditLog auditLog) {
		this.jdbc = jdbc;
		this.auditLog = auditLog;
	}

	/** The user's kinds, each on ({@code true}) or off, in the enum's order. */
	public Map<NotificationKind, Boolean> of(Actor actor) {
		List<String> off = offFor(actor.username());
		Map<NotificationKind, Boolean> kinds = new LinkedHashMap<>();
		for (NotificationKind kind : NotificationKind.of(actor)) {
			kinds.put(kind, !off.contains(kind.name()));
		}
		return kinds;
	}

	/**
	 * Turns the named kinds on or off; kinds not named keep their setting. A kind the
	 * user cannot receive is refused and nothing changes.
	 */
	@Transactional
	public Map<NotificationKind, Boolean> set(Actor actor, Map<String, Boolean> changes) {
		List<NotificationKind> theirs = NotificationKind.of(actor);
		Map<NotificationKind, Boolean> wanted = new LinkedHashMap<>();
		for (Map.Entry<String, Boolean> change : changes.entrySet()) {
			NotificationKind kind = NotificationKind.named(change.getKey())
				.filter(theirs::contains)
				.orElseThrow(() -> InvalidInput.of("kinds." + change.getKey(), "problem.notificationKind"));
			if (change.getValue() == null) {
				throw InvalidInput.of("kinds." + change.getKey(), "problem.required");
			}
			wanted.put(kind, change.getValue());
		}
		Map<NotificationKind, Boolean> before = of(actor);
		Map<String, Object> changed = new LinkedHashMap<>();
		for (Map.Entry<NotificationKind, Boolean> entry : wanted.entrySet()) {
			if (entry.getValue().equals(before.get(entry.getKey()))) {
				continue;
			}
			if (entry.getValue()) {
				jdbc.sql("DELETE FROM app.notification_opt_out WHERE username = ? AND kind = ?")
					.params(actor.username(), entry.getKey().name())
					.update();
			}
			else {
				jdbc.sql("INSERT INTO app.notification_opt_out (username, kind) VALUES (?, ?)")
					.params(actor.username(), entry.getKey().name())
					.update();
			}
			changed.put(entry.getKey().name(), entry.getValue());
		}
		if (!changed.isEmpty()) {
			auditLog.append(actor.username(), null, AuditKind.NOTIFICATION_PREFERENCES_CHANGED, changed);
		}
		return of(actor);
	}

	/** Whether the user turned the kind off. */
	boolean isOff(String username, NotificationKind kind) {
		return offFor(username).contains(kind.name());
	}

	private List<String> offFor(String username) {
		return jdbc.sql("SELECT kind FROM app.notification_opt_out WHERE username = ?")
			.param(username)
			.query(String.class)
			.list();
	}

}
