package jp.tobira.application;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * How many uploads an issuer organisation may make in a window
 * ({@code tobira.documents.upload-rate}), counted in {@code app.upload_rate} so every
 * node sees the same count. A window starts with the first upload after the previous one
 * ended; within it at most {@code limit} uploads pass.
 */
@Component
class UploadRateLimit {

	/**
	 * One statement counts the upload and starts a new window when the old one has ended,
	 * so two nodes counting at once never both take the last upload of a window: the
	 * row's lock orders them.
	 */
	private static final String COUNT = """
			INSERT INTO app.upload_rate AS rate (organisation_id, window_started_at, uploads) VALUES (:organisation, :now, 1)
			ON CONFLICT (organisation_id) DO UPDATE SET
			  window_started_at = CASE WHEN rate.window_started_at <= :ended THEN :now ELSE rate.window_started_at END,
			  uploads = CASE WHEN rate.window_started_at <= :ended THEN 1 ELSE rate.uploads + 1 END
			RETURNING window_started_at, uploads
			""";

	private final JdbcClient jdbc;

	private final DocumentsProperties.UploadRate rate;

	private final Clock clock;

	UploadRateLimit(JdbcClient jdbc, DocumentsProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.rate = properties.uploadRate();
		this.clock = clock;
	}

	/**
	 * Counts one upload of the organisation, in a transaction of its own: an upload
	 * refused later (an archive bomb, a file of the wrong type) has still cost the server
	 * its work, so it still counts, although its own transaction stores nothing. One over
	 * the limit is refused and, rolled back with this transaction, not counted.
	 * @throws UploadRateExceeded when the window's uploads are used up
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void count(UUID organisationId) {
		// the count is a throttle, not part of the record: were the server to crash in
		// the moment after this commit the count might be lost (never half-written), and
		// that is no reason to make every upload wait for a second flush of the
		// write-ahead log before its own
		jdbc.sql("SET LOCAL synchronous_commit TO OFF").update();
		Instant now = clock.instant();
		Window window = jdbc.sql(COUNT)
			.param("organisation", organisationId)
			.param("now", Timestamp.from(now))
			.param("ended", Timestamp.from(now.minus(rate.window())))
			.query((rs, row) -> new Window(rs.getTimestamp(1).toInstant(), rs.getInt(2)))
			.single();
		if (window.uploads() > rate.limit()) {
			Duration wait = Duration.between(now, window.startedAt().plus(rate.window()));
			throw new UploadRateExceeded(rate.limit(), rate.window(), wait.isNegative() ? Duration.ZERO : wait);
		}
	}

	private record Window(Instant startedAt, int uploads) {
	}

}
