package jp.tobira.audit;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.postgresql.PGStatement;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Re-walks the audit chain from the first entry, recomputing every hash, and names the
 * first entry that does not fit: a changed entry (its stored hash no longer matches its
 * content), a deleted one (a gap in the sequence, or a link to a hash that is not its
 * predecessor's), or a deleted tail (the chain head records more than the log holds).
 * Entries are streamed, so the walk needs no memory for the log's size; they are hashed
 * on every processor at once.
 */
@Service
public class AuditVerifier {

	private static final int FETCH_SIZE = 1000;

	private final JdbcTemplate jdbc;

	private final AuditLog auditLog;

	private final AuditChainLinker linker;

	AuditVerifier(javax.sql.DataSource dataSource, AuditLog auditLog, AuditChainLinker linker) {
		this.linker = linker;
		// its own template: a fetch size makes PostgreSQL stream rows inside the
		// read-only transaction
		this.jdbc = new JdbcTemplate(dataSource);
		this.jdbc.setFetchSize(FETCH_SIZE);
		this.auditLog = auditLog;
	}

	/** Verifies, then records that it did (with the result) as the next entry. */
	@Transactional
	public ChainVerification verifyAndRecord(String actor) {
		ChainVerification result = verify();
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("valid", result.valid());
		payload.put("entries", result.entries());
		payload.put("firstBrokenSeq", result.firstBrokenSeq());
		payload.put("reason", result.reason());
		auditLog.append(actor, null, AuditKind.AUDIT_VERIFIED, payload);
		return result;
	}

	@Transactional(readOnly = true)
	public ChainVerification verify() {
		// every entry committed so far is linked first, so the walk covers it
		linker.linkCommitted();
		// The head first, then only the entries up to it: an append committing between
		// the two reads adds entries
		// past the head read, which the walk leaves out, instead of looking like a tail
		// that was removed. Entries
		// cannot be deleted (trigger), so every entry up to the head read is still there
		// for the walk.
		Map<String, Object> head = jdbc.queryForMap("SELECT seq, hash FROM app.audit_chain_head WHERE id = 1");
		long headSeq = ((Number) head.get("seq")).longValue();
		try (Walk walk = new Walk()) {
			jdbc.query(connection -> {
				PreparedStatement walking = connection.prepareStatement("""
						SELECT seq, occurred_at, actor, case_reference, kind, payload, previous_hash, hash
						FROM app.audit_entry WHERE seq <= ? ORDER BY seq
						""");
				// prepared on the server at once, so rows come in PostgreSQL's binary
				// form:
				// the text form of a million timestamps, written by the server and parsed
				// by the driver, cost more than hashing them
				walking.unwrap(PGStatement.class).setPrepareThreshold(-1);
				walking.setLong(1, headSeq);
				return walking;
			}, walk);
			walk.finish();
			return result(walk, headSeq, head);
		}
	}

	private static ChainVerification result(Walk walk, long headSeq, Map<String, Object> head) {
		if (walk.broken != null) {
			return walk.broken;
		}
		if (headSeq != walk.lastSeq || !walk.lastHash.equals(head.get("hash"))) {
			return ChainVerification.broken(walk.count, walk.lastSeq + 1, "the chain head records entry " + headSeq
					+ " but the log ends at entry " + walk.lastSeq + ": entries at the end were removed");
		}
		return ChainVerification.valid(walk.count);
	}

	/**
	 * The walk: rows are read in order on the caller's thread and hashed in batches on
	 * every processor at once (an entry's hash depends on its own row only: its stored
	 * link, not the walk's), then checked strictly in order, so the first entry that does
	 * not fit is still the one named. At most a few batches are held at once.
	 */
	private static final class Walk implements RowCallbackHandler, AutoCloseable {

		private static final int BATCH = 4096;

		private final int threads = Math.max(1, Runtime.getRuntime().availableProcessors());

		private final ExecutorService hashing = Executors.newFixedThreadPool(threads, runnable -> {
			Thread thread = new Thread(runnable, "audit-verification");
			thread.setDaemon(true);
			return thread;
		});

		private final ArrayDeque<Future<Hashed>> pending = new ArrayDeque<>();

		private List<AuditEntry> rows = new ArrayList<>(BATCH);

		long count;

		long lastSeq;

		String lastHash = AuditChain.GENESIS;

		ChainVerification broken;

		private record Hashed(List<AuditEntry> entries, String[] hashes) {
		}

		@Override
		public void processRow(ResultSet rs) throws SQLException {
			if (broken != null) {
				return;
			}
			// by position, in the order the walk's statement names them: a name is looked
			// up
			// for every column of every row otherwise
			rows.add(new AuditEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
					AuditKind.valueOf(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getString(8)));
			if (rows.size() == BATCH) {
				submit();
			}
		}

		/** Checks what is still pending once the last row was read. */
		void finish() {
			if (!rows.isEmpty()) {
				submit();
			}
			while (!pending.isEmpty() && broken == null) {
				check(pending.poll());
			}
		}

		private void submit() {
			List<AuditEntry> batch = rows;
			rows = new ArrayList<>(BATCH);
			pending.add(hashing.submit(() -> {
				String[] hashes = new String[batch.size()];
				for (int i = 0; i < hashes.length; i++) {
					hashes[i] = AuditChain.hashOf(batch.get(i));
				}
				return new Hashed(batch, hashes);
			}));
			while (pending.size() > threads && broken == null) {
				check(pending.poll());
			}
		}

		private void check(Future<Hashed> next) {
			Hashed hashed;
			try {
				hashed = next.get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("the verification was interrupted", ex);
			}
			catch (ExecutionException ex) {
				throw new IllegalStateException("an entry could not be hashed", ex.getCause());
			}
			for (int i = 0; i < hashed.hashes().length && broken == null; i++) {
				check(hashed.entries().get(i), hashed.hashes()[i]);
			}
		}

		private void check(AuditEntry entry, String recomputed) {
			count++;
			if (entry.seq() != lastSeq + 1) {
				broken = ChainVerification.broken(count, lastSeq + 1, "entry " + (lastSeq + 1)
						+ " is missing: the chain jumps from entry " + lastSeq + " to entry " + entry.seq());
			}
			else if (!entry.previousHash().equals(lastHash)) {
				broken = ChainVerification.broken(count, entry.seq(),
						"entry " + entry.seq() + " does not link to the hash of entry " + lastSeq);
			}
			else if (!recomputed.equals(entry.hash())) {
				broken = ChainVerification.broken(count, entry.seq(),
						"entry " + entry.seq() + " was changed: its stored hash does not match its content");
			}
			lastSeq = entry.seq();
			lastHash = entry.hash();
		}

		@Override
		public void close() {
			hashing.shutdownNow();
		}

	}

}
