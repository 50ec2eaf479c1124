package jp.tobira.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outbox table, {@code app.outbox}: messages are written in the transaction of the
 * change that causes them and claimed, sent and marked by {@link OutboxSender}. A claim
 * is a lease (a token and a time) taken with {@code FOR UPDATE SKIP LOCKED}, so two nodes
 * claiming at once take different rows and a row claimed by a node that stopped becomes
 * due again when its lease runs out.
 */
@Repository
public class Outbox {

	private final JdbcClient jdbc;

	private final Clock clock;

	Outbox(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Writes a message, due at once, in the caller's transaction. A message with a
	 * {@code onceKey} already written is not written again.
	 * @return whether it was written
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	boolean put(String recipient, String address, String locale, NotificationKind kind, String subject, String body,
			String reference, String onceKey) {
		Timestamp now = Timestamp.from(clock.instant());
		return jdbc.sql("""
				INSERT INTO app.outbox (id, recipient, address, locale, kind, subject, body, reference, created_at,
				    next_attempt_at, once_key)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (once_key) DO NOTHING
				""")
			.params(UUID.randomUUID(), recipient, address, locale, kind.name(), subject, body, reference, now, now,
					onceKey)
			.update() == 1;
	}

	/**
	 * Claims up to {@code limit} due messages for the holder of {@code token} until
	 * {@code now + lease}: unsent, their next attempt reached, and nobody's claim
	 * running. Rows another transaction is claiming at this moment are skipped, not
	 * waited for.
	 */
	@Transactional
	List<OutboxMessage> claim(UUID token, Instant now, java.time.Duration lease, int limit) {
		return jdbc.sql("""
				UPDATE app.outbox SET claimed_by = ?, claimed_until = ?
				WHERE id IN (SELECT id FROM app.outbox
				             WHERE sent_at IS NULL AND next_attempt_at <= ?
				               AND (claimed_until IS NULL OR claimed_until < ?)
				             ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)
				RETURNING *
				""")
			.params(token, Timestamp.from(now.plus(lease)), Timestamp.from(now), Timestamp.from(now), limit)
			.query(Outbox::map)
			.list();
	}

	/** Marks a message sent, if the claim is still the sender's. */
	@Transactional
	boolean markSent(UUID id, UUID token, Instant at) {
		return jdbc.sql("""
				UPDATE app.outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL,
				    claimed_by = NULL, claimed_until = NULL
				WHERE id = ? AND claimed_by = ? AND sent_at IS NULL
				""").params(Timestamp.from(at), id, token).update() == 1;
	}

	/** Keeps a message that failed, for another attempt at {@code next}. */
	@Transactional
	void markFailed(UUID id, UUID token, String error, Instant next) {
		jdbc.sql("""
				UPDATE app.outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?,
				    claimed_by = NULL, claimed_until = NULL
				WHERE id = ? AND claimed_by = ? AND sent_at IS NULL
				""").params(error, Timestamp.from(next), id, token).update();
	}

	/** The newest messages first, for the admin's page. */
	public List<OutboxMessage> newest(int limit) {
		return jdbc.sql("SELECT * FROM app.outbox ORDER BY created_at DESC, id LIMIT ?")
			.param(limit)
			.query(Outbox::map)
			.list();
	}

	public Optional<OutboxMessage> find(UUID id) {
		return jdbc.sql("SELECT * FROM app.outbox WHERE id = ?").param(id).query(Outbox::map).optional();
	}

	public long count() {
		return jdbc.sql("SELECT count(*) FROM app.outbox").query(Long.class).single();
	}

	private static OutboxMessage map(ResultSet rs, int row) throws SQLException {
		return new OutboxMessage(rs.getObject("id", UUID.class), rs.getString("recipient"), rs.getString("address"),
				rs.getString("locale"), NotificationKind.valueOf(rs.getString("kind")), rs.getString("subject"),
				rs.getString("body"), rs.getString("reference"), instant(rs.getTimestamp("created_at")),
				rs.getInt("attempts"), instant(rs.getTimestamp("next_attempt_at")), rs.getString("last_error"),
				instant(rs.getTimestamp("sent_at")));
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
