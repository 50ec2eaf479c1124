package jp.tobira.audit;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jp.tobira.audit.AuditChain.Utf8;

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

	/**
	 * The walk, as one {@code COPY} in PostgreSQL's binary form: the server writes rows
	 * without waiting to be asked for the next batch, so it produces them while this side
	 * hashes the ones before (a cursor fetched a thousand rows, then waited while they
	 * were handled), and sends each field as it stores it (text as its UTF-8 bytes, which
	 * are hashed without being decoded, a time as a number). {@code COPY} takes no
	 * parameter: the head's sequence number is written in, a number read from the
	 * database, in ASCII digits whatever the JVM's locale.
	 */
	private static final String WALK = """
			COPY (SELECT seq, occurred_at, actor, case_reference, kind, payload, previous_hash, hash
			      FROM app.audit_entry WHERE seq <= %d ORDER BY seq) TO STDOUT (FORMAT binary)
			""";

	private final JdbcTemplate jdbc;

	private final AuditLog auditLog;

	private final AuditChainLinker linker;

	AuditVerifier(JdbcTemplate jdbc, AuditLog auditLog, AuditChainLinker linker) {
		this.jdbc = jdbc;
		this.auditLog = auditLog;
		this.linker = linker;
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
		// the two reads adds entries past the head read, which the walk leaves out,
		// instead of looking like a tail that was removed. Entries cannot be deleted
		// (trigger), so every entry up to the head read is still there for the walk.
		Map<String, Object> head = jdbc.queryForMap("SELECT seq, hash FROM app.audit_chain_head WHERE id = 1");
		long headSeq = ((Number) head.get("seq")).longValue();
		try (Walk walk = new Walk()) {
			jdbc.execute((ConnectionCallback<Void>) connection -> {
				walk.read(connection.unwrap(PGConnection.class)
					.getCopyAPI()
					.copyOut(String.format(Locale.ROOT, WALK, headSeq)));
				return null;
			});
			walk.finish();
			return result(walk, headSeq, head);
		}
	}

	private static ChainVerification result(Walk walk, long headSeq, Map<String, Object> head) {
		if (walk.broken != null) {
			return walk.broken;
		}
		if (headSeq != walk.lastSeq || !walk.lastHash.toString().equals(head.get("hash"))) {
			return ChainVerification.broken(walk.count, walk.lastSeq + 1, "the chain head records entry " + headSeq
					+ " but the log ends at entry " + walk.lastSeq + ": entries at the end were removed");
		}
		return ChainVerification.valid(walk.count);
	}

	/** An entry as the walk reads it: its text fields still the bytes PostgreSQL sent. */
	private record Row(long seq, Instant occurredAt, Utf8 actor, Utf8 caseReference, Utf8 kind, Utf8 payload,
			Utf8 previousHash, Utf8 hash) {

		/** Its hash, recomputed, is the one it stores. */
		boolean intact() {
			return AuditChain.hash(previousHash, seq, occurredAt, actor, caseReference, kind, payload).sameBytes(hash);
		}

	}

	/**
	 * One tuple of {@code COPY}'s binary form: the number of fields, then each field's
	 * length (-1 for null) and its bytes, integers big-endian.
	 */
	private static final class Tuple {

		private static final VarHandle INT16 = MethodHandles.byteArrayViewVarHandle(short[].class,
				ByteOrder.BIG_ENDIAN);

		private static final VarHandle INT32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

		private static final VarHandle INT64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

		/**
		 * The binary form's signature, then its flags and the length of its extension.
		 */
		private static final byte[] SIGNATURE = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);

		/** PostgreSQL's epoch for times, in seconds after Java's. */
		private static final long POSTGRES_EPOCH = Instant.parse("2000-01-01T00:00:00Z").getEpochSecond();

		private final byte[] bytes;

		private int at;

		Tuple(byte[] bytes, int at) {
			this.bytes = bytes;
			this.at = at;
		}

		/** Where the tuples start: after the signature, the flags and the extension. */
		static int afterHeader(byte[] bytes) {
			if (bytes.length < SIGNATURE.length + 8
					|| !Arrays.equals(bytes, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
				throw new IllegalStateException("the walk's COPY did not start with the binary form's signature");
			}
			return SIGNATURE.length + 8 + (int) INT32.get(bytes, SIGNATURE.length + 4);
		}

		/** The number of fields, -1 for the end of the data. */
		short fields() {
			short fields = (short) INT16.get(bytes, at);
			at += 2;
			return fields;
		}

		private int length() {
			int length = (int) INT32.get(bytes, at);
			at += 4;
			return length;
		}

		long int8() {
			length();
			long value = (long) INT64.get(bytes, at);
			at += 8;
			return value;
		}

		/** A timestamptz: microseconds from PostgreSQL's epoch. */
		Instant timestamp() {
			long micros = int8();
			return Instant.ofEpochSecond(POSTGRES_EPOCH).plus(micros, ChronoUnit.MICROS);
		}

		/** Text, or null. */
		Utf8 text() {
			int length = length();
			if (length < 0) {
				return null;
			}
			Utf8 text = new Utf8(bytes, at, length);
			at += length;
			return text;
		}

		Row row() {
			Row row = new Row(int8(), timestamp(), text(), text(), text(), text(), text(), text());
			if (at != bytes.length) {
				throw new IllegalStateException("a row of the walk's COPY was not one tuple a message");
			}
			return row;
		}

	}

	/**
	 * The walk: rows are read in order on the caller's thread and hashed in batches on
	 * every processor at once (an entry's hash depends on its own row only: its stored
	 * link, not the walk's), then checked strictly in order, so the first entry that does
	 * not fit is still the one named. At most a few batches are held at once.
	 */
	private static final class Walk implements AutoCloseable {

		private static final int BATCH = 4096;

		private final int threads = Math.max(1, Runtime.getRuntime().availableProcessors());

		private final ExecutorService hashing = Executors.newFixedThreadPool(threads, runnable -> {
			Thread thread = new Thread(runnable, "audit-verification");
			thread.setDaemon(true);
			return thread;
		});

		private final ArrayDeque<Future<Hashed>> pending = new ArrayDeque<>();

		private List<Row> rows = new ArrayList<>(BATCH);

		long count;

		long lastSeq;

		Utf8 lastHash = Utf8.of(AuditChain.GENESIS);

		ChainVerification broken;

		private record Hashed(List<Row> rows, boolean[] intact) {
		}

		/**
		 * Reads the whole {@code COPY}, to its end even once an entry broke the chain:
		 * cancelling it would fail the transaction, in which the result is still to be
		 * recorded. The protocol sends one row a CopyData message (PostgreSQL's
		 * frontend/backend protocol, "COPY Operations"), the binary form's header with
		 * the first.
		 */
		void read(CopyOut copy) throws SQLException {
			try {
				boolean first = true;
				byte[] message;
				while ((message = copy.readFromCopy()) != null) {
					int at = first ? Tuple.afterHeader(message) : 0;
					first = false;
					if (at == message.length || broken != null) {
						continue;
					}
					Tuple tuple = new Tuple(message, at);
					short fields = tuple.fields();
					if (fields == -1) {
						continue;
					}
					rows.add(tuple.row());
					if (rows.size() == BATCH) {
						submit();
					}
				}
			}
			finally {
				if (copy.isActive()) {
					copy.cancelCopy();
				}
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
			List<Row> batch = rows;
			rows = new ArrayList<>(BATCH);
			pending.add(hashing.submit(() -> {
				boolean[] intact = new boolean[batch.size()];
				for (int i = 0; i < intact.length; i++) {
					intact[i] = batch.get(i).intact();
				}
				return new Hashed(batch, intact);
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
			for (int i = 0; i < hashed.intact().length && broken == null; i++) {
				check(hashed.rows().get(i), hashed.intact()[i]);
			}
		}

		private void check(Row row, boolean intact) {
			count++;
			if (row.seq() != lastSeq + 1) {
				broken = ChainVerification.broken(count, lastSeq + 1, "entry " + (lastSeq + 1)
						+ " is missing: the chain jumps from entry " + lastSeq + " to entry " + row.seq());
			}
			else if (!row.previousHash().sameBytes(lastHash)) {
				broken = ChainVerification.broken(count, row.seq(),
						"entry " + row.seq() + " does not link to the hash of entry " + lastSeq);
			}
			else if (!intact) {
				broken = ChainVerification.broken(count, row.seq(),
						"entry " + row.seq() + " was changed: its stored hash does not match its content");
			}
			lastSeq = row.seq();
			lastHash = row.hash();
		}

		@Override
		public void close() {
			hashing.shutdownNow();
		}

	}

}
