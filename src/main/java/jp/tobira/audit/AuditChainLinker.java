package jp.tobira.audit;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Links written entries into the chain: in the order their transactions committed, each
 * gets the next sequence number, the hash of the entry before it and its own hash, under
 * the chain head's row lock (which serialises linking across threads and nodes). A
 * writer's transaction only inserts its entry; the lock is taken here, for a moment and
 * for a whole batch, instead of from each append to its commit.
 *
 * <p>
 * One thread a node links, woken by every commit that wrote entries and, as a safety net,
 * once a second (entries of a node that stopped between its commit and its link, entries
 * written by the other node). Readers of the log link first ({@link #linkCommitted()}),
 * so what they show is chained.
 */
@Component
public class AuditChainLinker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(AuditChainLinker.class);

	/** Entries linked in one transaction: a burst is linked in a few, not one each. */
	static final int BATCH = 1000;

	private static final String HOLDS_HEAD = AuditChainLinker.class.getName() + ".holdsHead";

	/**
	 * The longest a reader (or the linking thread, in one round) waits for the chain
	 * head.
	 */
	static final Duration HEAD_WAIT = Duration.ofSeconds(5);

	private final JdbcClient jdbc;

	private final JdbcTemplate batches;

	private final TransactionTemplate ownTransaction;

	private final Semaphore wake = new Semaphore(0);

	private volatile Thread thread;

	AuditChainLinker(JdbcClient jdbc, JdbcTemplate batches, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.batches = batches;
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/** Asks the linking thread to link what has committed. */
	void wake() {
		wake.release();
	}

	/**
	 * Links every entry committed so far, in a transaction of its own, before the caller
	 * reads the log. Cheap when nothing waits (one look at a partial index). Skipped when
	 * the caller's transaction holds the head itself: it would wait for itself.
	 */
	public void linkCommitted() {
		if (TransactionSynchronizationManager.hasResource(HOLDS_HEAD) || !anyUnlinked()) {
			return;
		}
		try {
			while (ownTransaction.execute(status -> linkVisible()) == BATCH) {
				// a full batch: more may wait
			}
		}
		catch (DataAccessException ex) {
			if (!lockNotAvailable(ex)) {
				throw ex;
			}
			// the head held longer than a reader should wait (a register change in a long
			// transaction): read what is linked, the rest after it; the linking thread
			// links it once the head is free
			log.debug("The chain head stayed locked; reading without linking: {}", ex.getMessage());
		}
	}

	/** PostgreSQL's lock_not_available (55P03), which Spring leaves uncategorised. */
	private static boolean lockNotAvailable(DataAccessException ex) {
		return ex.getMostSpecificCause() instanceof SQLException sql && "55P03".equals(sql.getSQLState());
	}

	private boolean anyUnlinked() {
		return jdbc.sql("SELECT EXISTS (SELECT 1 FROM app.audit_entry WHERE seq IS NULL)")
			.query(Boolean.class)
			.single();
	}

	/**
	 * Locks the chain head in the caller's transaction (held to its commit) and links the
	 * entries it can see, oldest first: those committed by others and its own.
	 * @return the head after linking
	 */
	Head lockHeadAndLinkVisible() {
		Head head = lockHead();
		List<Linked> linked;
		do {
			linked = link(head);
			if (!linked.isEmpty()) {
				Linked last = linked.get(linked.size() - 1);
				head = new Head(last.seq(), last.hash());
			}
		}
		while (linked.size() == BATCH);
		return head;
	}

	/** The chain head, locked until the caller's transaction ends. */
	Head lockHead() {
		if (TransactionSynchronizationManager.isSynchronizationActive()
				&& !TransactionSynchronizationManager.hasResource(HOLDS_HEAD)) {
			TransactionSynchronizationManager.bindResource(HOLDS_HEAD, Boolean.TRUE);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(HOLDS_HEAD);
				}
			});
		}
		return jdbc.sql("SELECT seq, hash FROM app.audit_chain_head WHERE id = 1 FOR UPDATE")
			.query((rs, row) -> new Head(rs.getLong("seq"), rs.getString("hash")))
			.single();
	}

	/** Moves the locked head to {@code head}. */
	void moveHead(Head head) {
		jdbc.sql("UPDATE app.audit_chain_head SET seq = ?, hash = ? WHERE id = 1")
			.params(head.seq(), head.hash())
			.update();
	}

	private int linkVisible() {
		// bounded: the caller may hold locks of its own in a suspended transaction, which
		// a
		// holder of the head may wait for, and PostgreSQL cannot see that cycle through
		// two connections of one thread
		jdbc.sql("SET LOCAL lock_timeout = '" + HEAD_WAIT.toMillis() + "ms'").update();
		Head head = lockHead();
		List<Linked> linked = link(head);
		return linked.size();
	}

	/** One batch linked after {@code head}, the head moved past it. */
	private List<Linked> link(Head head) {
		record Unlinked(long id, Instant occurredAt, String actor, String caseReference, AuditKind kind,
				String payload) {
		}
		List<Unlinked> unlinked = jdbc.sql("""
				SELECT id, occurred_at, actor, case_reference, kind, payload FROM app.audit_entry
				WHERE seq IS NULL ORDER BY id LIMIT ?
				""")
			.param(BATCH)
			.query((rs, row) -> new Unlinked(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
					rs.getString("actor"), rs.getString("case_reference"), AuditKind.valueOf(rs.getString("kind")),
					rs.getString("payload")))
			.list();
		if (unlinked.isEmpty()) {
			return List.of();
		}
		List<Linked> linked = new ArrayList<>(unlinked.size());
		long seq = head.seq();
		String previous = head.hash();
		for (Unlinked entry : unlinked) {
			seq++;
			String hash = AuditChain.hash(previous, seq, entry.occurredAt(), entry.actor(), entry.caseReference(),
					entry.kind(), entry.payload());
			linked.add(new Linked(entry.id(), seq, previous, hash));
			previous = hash;
		}
		batches.batchUpdate("UPDATE app.audit_entry SET seq = ?, previous_hash = ?, hash = ? WHERE id = ?", linked, 500,
				(ps, link) -> {
					ps.setLong(1, link.seq());
					ps.setString(2, link.previousHash());
					ps.setString(3, link.hash());
					ps.setLong(4, link.id());
				});
		Linked last = linked.get(linked.size() - 1);
		moveHead(new Head(last.seq(), last.hash()));
		return linked;
	}

	record Head(long seq, String hash) {
	}

	private record Linked(long id, long seq, String previousHash, String hash) {
	}

	// the linking thread

	@Override
	public void start() {
		Thread linking = new Thread(this::run, "audit-chain-linker");
		linking.setDaemon(true);
		thread = linking;
		linking.start();
	}

	private void run() {
		while (thread == Thread.currentThread()) {
			try {
				wake.tryAcquire(1, TimeUnit.SECONDS);
				wake.drainPermits();
				linkCommitted();
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (RuntimeException ex) {
				// the database may be away for a moment (a restart, a fail-over): the
				// entries wait, committed, and the next round links them
				log.warn("Linking audit entries failed; retrying in a second: {}", ex.toString());
				sleepASecond();
			}
		}
	}

	private void sleepASecond() {
		try {
			Thread.sleep(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Stops the thread after linking what has committed, so a clean stop leaves none. */
	@Override
	public void stop() {
		Thread linking = thread;
		thread = null;
		if (linking != null) {
			linking.interrupt();
			try {
				linking.join(5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		try {
			linkCommitted();
		}
		catch (RuntimeException ex) {
			log.warn("Audit entries left to link at the next start: {}", ex.toString());
		}
	}

	@Override
	public boolean isRunning() {
		return thread != null;
	}

	@Override
	public int getPhase() {
		// stops after the web server and the engine's job executor (higher phases stop
		// first), so that their last entries are linked
		return Integer.MIN_VALUE + 1000;
	}

}
