package jp.tobira.audit;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import javax.sql.DataSource;

import org.postgresql.PGConnection;

/**
 * Entries appended to the audit log straight in batched SQL ({@code COPY}), for the
 * benchmark of the chain's verification at a million entries: appending them one by one
 * through {@link AuditLog} would take the benchmark's whole time. Each entry is hashed by
 * {@link AuditChain}, the rule {@link AuditLog} and {@link AuditVerifier} share, so the
 * chain these entries continue verifies as one. Each batch locks the chain head as an
 * append does, in one transaction with its entries and the head's move, so it is safe
 * beside a running application.
 */
public final class AuditChainSeed {

	/** Their actor: no real user's name. */
	public static final String ACTOR = "bench-seed";

	private AuditChainSeed() {
	}

	/**
	 * Appends {@code count} entries (task completions of made-up cases, with a form as
	 * large as a real completion's), {@code batch} a transaction.
	 */
	public static void append(DataSource dataSource, long count, int batch) throws SQLException, IOException {
		long written = 0;
		while (written < count) {
			int size = (int) Math.min(batch, count - written);
			appendBatch(dataSource, size);
			written += size;
		}
	}

	private static void appendBatch(DataSource dataSource, int size) throws SQLException, IOException {
		try (Connection connection = dataSource.getConnection()) {
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(false);
			try {
				long seq;
				String hash;
				try (PreparedStatement head = connection
					.prepareStatement("SELECT seq, hash FROM app.audit_chain_head WHERE id = 1 FOR UPDATE");
						ResultSet rs = head.executeQuery()) {
					rs.next();
					seq = rs.getLong(1);
					hash = rs.getString(2);
				}
				Instant occurredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
				StringBuilder csv = new StringBuilder(size * 400);
				for (int i = 0; i < size; i++) {
					seq++;
					String reference = "EQ-2094-" + String.format("%06d", seq % 100_000);
					String payload = "{\"form\":{\"outcome\":\"SATISFACTORY\",\"findings\":\"Reserves reconciled "
							+ "to the custodian statements of the month; no exceptions.\"},\"taskId\":\"bench-task-"
							+ seq + "\",\"taskKey\":\"reviewBacking\"}";
					String next = AuditChain.hash(hash, seq, occurredAt, ACTOR, reference, AuditKind.TASK_COMPLETED,
							payload);
					csv.append(seq)
						.append(',')
						.append(DateTimeFormatter.ISO_INSTANT.format(occurredAt))
						.append(',')
						.append(ACTOR)
						.append(',')
						.append(reference)
						.append(',')
						.append(AuditKind.TASK_COMPLETED.name())
						.append(",\"")
						.append(payload.replace("\"", "\"\""))
						.append("\",")
						.append(hash)
						.append(',')
						.append(next)
						.append('\n');
					hash = next;
					occurredAt = occurredAt.plus(1, ChronoUnit.MICROS);
				}
				connection.unwrap(PGConnection.class)
					.getCopyAPI()
					.copyIn("COPY app.audit_entry (seq, occurred_at, actor, case_reference, kind, payload, "
							+ "previous_hash, hash) FROM STDIN WITH (FORMAT csv)", new StringReader(csv.toString()));
				try (PreparedStatement move = connection
					.prepareStatement("UPDATE app.audit_chain_head SET seq = ?, hash = ? WHERE id = 1")) {
					move.setLong(1, seq);
					move.setString(2, hash);
					move.executeUpdate();
				}
				connection.commit();
			}
			catch (SQLException | IOException | RuntimeException ex) {
				connection.rollback();
				throw ex;
			}
			finally {
				connection.setAutoCommit(autoCommit);
			}
		}
	}

}
