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
import org.springframework.beans.factory.annotation.Autowired;
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
 * Entries are streamed, so the walk needs no memory for the log's size; the log is walked
 * in ranges of sequence numbers, two at once (each its own {@code COPY} on its own
 * connection, so two PostgreSQL backends send rows while this side reads them), and its
 * entries hashed on every processor at once.
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
			      FROM app.audit_entry WHERE seq > %d AND seq <= %d ORDER BY seq) TO STDOUT (FORMAT binary)
			""";

	/**
	 * Entries a range holds: a million entries are ten ranges, so the two walkers stay
	 * busy to the end, and a range's {@code COPY} is planned and started in far less time
	 * than it runs.
	 */
	static final long RANGE = 100_000;

	/**
	 * Ranges walked at once: one backend sends rows faster than one thread reads them,
	 * two keep both processors of a small machine busy (BENCHMARKS.md, audit
	 * verification).
	 */
	private static final int WALKERS = 2;

	private final JdbcTemplate jdbc;

	private final AuditLog auditLog;

	private final AuditChainLinker linker;

	private final long range;

	@Autowired
	AuditVerifier(JdbcTemplate jdbc, AuditLog auditLog, AuditChainLinker linker) {
		this(jdbc, auditLog, linker, RANGE);
	}

	/** With ranges of {@code range} entries: small ones put every check on a boundary. */
	AuditVerifier(JdbcTemplate jdbc, AuditLog auditLog, AuditChainLinker linker, long range) {
		if (range < 1) {
			throw new IllegalArgumentException("a range holds at least one entry");
		}
		this.jdbc = jdbc;
		this.auditLog = auditLog;
		this.linker = linker;
		this.range = range;
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
		int hashers = Math.max(1, Runtime.getRuntime().availableProcessors());
		ExecutorService hashing = daemons(hashers, "audit-verification");
		ExecutorService walkers = daemons(WALKERS, "audit-walk");
		try {
			List<Future<Stretch>> stretches = new ArrayList<>();
			for (long after = 0; after < headSeq; after += range) {
				long from = after;
				long upTo = Math.min(headSeq, after + range);
				stretches.add(walkers.submit(() -> walk(from, upTo, hashing, hashers)));
			}
			return result(stretches, headSeq, head);
		}
		finally {
			walkers.shutdownNow();
			hashing.shutdownNow();
		}
	}

	/**
	 * The entries after {@code from} up to {@code upTo}, walked on a connection of this
	 * thread's own (autocommit: linked entries never change, so the ranges need no shared
	 * snapshot).
	 */
	private Stretch walk(long from, long upTo, ExecutorService hashing, int hashers) {
		Walk walk = new Walk(hashing, hashers);
		jdbc.execute((ConnectionCallback<Void>) connection -> {
			walk.read(connection.unwrap(PGConnection.class)
				.getCopyAPI()
				.copyOut(String.format(Locale.ROOT, WALK, from, upTo)));
			return null;
		});
		return walk.finish();
	}

	/**
	 * The ranges joined in order, as if walked as one: each range's first entry must
	 * follow the entry before it, in the range before (or be the first of the chain).
	 */
	private static ChainVerification result(List<Future<Stretch>> stretches, long headSeq, Map<String, Object> head) {
		long count = 0;
		long lastSeq = 0;
		Utf8 lastHash = Utf8.of(AuditChain.GENESIS);
		for (Future<Stretch> next : stretches) {
			Stretch stretch = done(next);
			if (stretch.count() == 0) {
				continue;
			}
			count++;
			String reason = breaks(lastSeq, lastHash, stretch.first(), stretch.firstIntact());
			if (reason != null) {
				return ChainVerification.broken(count, brokenSeq(lastSeq, stretch.first()), reason);
			}
			if (stretch.broken() != null) {
				Broken broken = stretch.broken();
				return ChainVerification.broken(count + broken.after(), broken.seq(), broken.reason());
			}
			count += stretch.count() - 1;
			lastSeq = stretch.lastSeq();
			lastHash = stretch.lastHash();
		}
		if (headSeq != lastSeq || !lastHash.toString().equals(head.get("hash"))) {
			return ChainVerification.broken(count, lastSeq + 1, "the chain head records entry " + headSeq
					+ " but the log ends at entry " + lastSeq + ": entries at the end were removed");
		}
		return ChainVerification.valid(count);
	}

	/**
	 * Why {@code row} does not follow the entry {@code lastSeq} whose hash is
	 * {@code lastHash}, or null when it does: an entry between them is missing, its link
	 * names another hash, or its own content no longer gives its hash.
	 */
	private static String breaks(long lastSeq, Utf8 lastHash, Row row, boolean intact) {
		if (row.seq() != lastSeq + 1) {
			return "entry " + (lastSeq + 1) + " is missing: the chain jumps from entry " + lastSeq + " to entry "
					+ row.seq();
		}
		if (!row.previousHash().sameBytes(lastHash)) {
			return "entry " + row.seq() + " does not link to the hash of entry " + lastSeq;
		}
		if (!intact) {
			return "entry " + row.seq() + " was changed: its stored hash does not match its content";
		}
		return null;
	}

	/** The entry a break names: the missing one, or the one that does not fit. */
	private static long brokenSeq(long lastSeq, Row row) {
		return row.seq() != lastSeq + 1 ? lastSeq + 1 : row.seq();
	}

	private static <T> T done(Future<T> future) {
		try {
			return future.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("the verification was interrupted", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException("the verification failed", ex.getCause());
		}
	}

	private static ExecutorService daemons(int threads, String name) {
		return Executors.newFixedThreadPool(threads, runnable -> {
			Thread thread = new Thread(runnable, name);
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * A range as walked: how many entries it holds, its first (joined to the range before
	 * by the caller), its last, and the first break after its first entry: how many
	 * entries after the first it is, which entry it names and why.
	 */
	private record Stretch(long count, Row first, boolean firstIntact, long lastSeq, Utf8 lastHash, Broken broken) {
	}

	private record Broken(long after, long seq, String reason) {
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
	 * The walk of one range: rows are read in order on the walker's thread and hashed in
	 * batches on every processor at once (an entry's hash depends on its own row only:
	 * its stored link, not the walk's), then checked strictly in order, so the first
	 * entry that does not fit is still the one named. At most a few batches are held at
	 * once.
	 */
	private static final class Walk {

		private static final int BATCH = 4096;

		private final ExecutorService hashing;

		private final int threads;

		private final ArrayDeque<Future<Hashed>> pending = new ArrayDeque<>();

		private List<Row> rows = new ArrayList<>(BATCH);

		private long count;

		private Row first;

		private boolean firstIntact;

		private long lastSeq;

		private Utf8 lastHash;

		private Broken broken;

		private record Hashed(List<Row> rows, boolean[] intact) {
		}

		/**
		 * @param threads the threads of {@code hashing}: batches held at once
		 */
		Walk(ExecutorService hashing, int threads) {
			this.hashing = hashing;
			this.threads = threads;
		}

		/**
		 * Reads the whole {@code COPY}, to its end even once an entry broke the chain
		 * (the connection goes back to the pool clean). The protocol sends one row a
		 * CopyData message (PostgreSQL's frontend/backend protocol, "COPY Operations"),
		 * the binary form's header with the first.
		 */
		void read(CopyOut copy) throws SQLException {
			try {
				boolean header = true;
				byte[] message;
				while ((message = copy.readFromCopy()) != null) {
					int at = header ? Tuple.afterHeader(message) : 0;
					header = false;
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
		Stretch finish() {
			if (!rows.isEmpty()) {
				submit();
			}
			while (!pending.isEmpty() && broken == null) {
				check(done(pending.poll()));
			}
			return new Stretch(count, first, firstIntact, lastSeq, lastHash, broken);
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
				check(done(pending.poll()));
			}
		}

		private void check(Hashed hashed) {
			for (int i = 0; i < hashed.intact().length && broken == null; i++) {
				check(hashed.rows().get(i), hashed.intact()[i]);
			}
		}

		/**
		 * The range's first entry is the caller's to join; every later one follows it.
		 */
		private void check(Row row, boolean intact) {
			count++;
			if (first == null) {
				first = row;
				firstIntact = intact;
			}
			else {
				String reason = breaks(lastSeq, lastHash, row, intact);
				if (reason != null) {
					broken = new Broken(count - 1, brokenSeq(lastSeq, row), reason);
				}
			}
			lastSeq = row.seq();
			lastHash = row.hash();
		}

	}

}
