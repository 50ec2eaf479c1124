package jp.tobira.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.dao.DataAccessException;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import jp.tobira.TobiraIntegrationTest;

/**
 * The audit log's promises (ARCHITECTURE.md §5): appends from many threads make one valid
 * chain; the database refuses changes; a change made behind the application's back (as
 * the database owner, trigger disabled) is found, and the verifier names the exact entry.
 * Tampering is undone at the end of each test: the context is shared.
 */
@TobiraIntegrationTest
class AuditChainIntegrationTests {

	@Autowired
	AuditLog auditLog;

	@Autowired
	AuditVerifier verifier;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	TestRestTemplate rest;

	@Autowired
	AuditEntries entries;

	@Autowired
	AuditChainLinker linker;

	@Test
	void appendsFromFiftyThreadsAtOnceAndTheChainStaysValid() throws Exception {
		long before = verifier.verify().entries();
		int threads = 50;
		CyclicBarrier start = new CyclicBarrier(threads);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<Future<?>> appended = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			int n = i;
			appended.add(pool.submit(() -> {
				start.await();
				auditLog.append("fifty-" + n, null, AuditKind.CONFIGURATION_CHANGED, Map.of("n", n));
				return null;
			}));
		}
		for (Future<?> entry : appended) {
			entry.get();
		}
		pool.shutdown();

		ChainVerification after = verifier.verify();
		assertThat(after.valid()).as(String.valueOf(after.reason())).isTrue();
		assertThat(after.entries()).isEqualTo(before + threads);
		List<Long> seqs = jdbc.queryForList("SELECT seq FROM app.audit_entry WHERE actor LIKE 'fifty-%'", Long.class);
		assertThat(seqs).hasSize(threads).doesNotContainNull().doesNotHaveDuplicates();
		assertThat(seqs.stream().mapToLong(Long::longValue).max().getAsLong()
				- seqs.stream().mapToLong(Long::longValue).min().getAsLong())
			.isEqualTo(threads - 1);
	}

	@Test
	void anEntryIsWrittenWithItsChangeAndLinkedIntoTheChainSoonAfterTheCommitWithoutAnyoneReading()
			throws InterruptedException {
		Long inTransaction = transactions.execute(tx -> {
			auditLog.append("linked-soon", null, AuditKind.CONFIGURATION_CHANGED, Map.of("x", 1));
			return jdbc.queryForObject(
					"SELECT count(*) FROM app.audit_entry WHERE actor = 'linked-soon' AND seq IS NULL", Long.class);
		});
		assertThat(inTransaction).as("written in the change's transaction, not yet linked").isEqualTo(1);

		// the linking thread, woken by the commit; the test reads the table, not the log,
		// so nothing links on its behalf
		long deadline = System.nanoTime() + 10_000_000_000L;
		Long seq = null;
		while (seq == null && System.nanoTime() < deadline) {
			Thread.sleep(10);
			seq = jdbc.queryForObject("SELECT seq FROM app.audit_entry WHERE actor = 'linked-soon'", Long.class);
		}
		assertThat(seq).as("linked by the linking thread").isNotNull();
		Map<String, Object> head = jdbc.queryForMap("SELECT seq FROM app.audit_chain_head WHERE id = 1");
		assertThat(((Number) head.get("seq")).longValue()).isGreaterThanOrEqualTo(seq);
		assertThat(verifier.verify().valid()).isTrue();
	}

	@Test
	void aRolledBackChangeLeavesNeitherItsEntryNorAGap() {
		long before = verifier.verify().entries();
		assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
			auditLog.append("rolled-back", null, AuditKind.CONFIGURATION_CHANGED, Map.of("x", 1));
			throw new IllegalStateException("the change fails");
		})).hasMessage("the change fails");
		auditLog.append("after-the-rollback", null, AuditKind.CONFIGURATION_CHANGED, Map.of("x", 2));

		ChainVerification after = verifier.verify();
		assertThat(after.valid()).as(String.valueOf(after.reason())).isTrue();
		assertThat(after.entries()).isEqualTo(before + 1);
		assertThat(jdbc.queryForObject("SELECT count(*) FROM app.audit_entry WHERE actor = 'rolled-back'", Long.class))
			.isZero();
	}

	@Test
	void anEntryLinkedAtOnceComesAfterTheEntriesItsTransactionWroteBeforeIt() {
		AuditEntry linked = transactions.execute(tx -> {
			auditLog.append("in-order", null, AuditKind.CONFIGURATION_CHANGED, Map.of("step", 1));
			return auditLog.appendLinked("in-order", null, AuditKind.CONFIGURATION_CHANGED, Map.of("step", 2));
		});
		List<Map<String, Object>> rows = jdbc
			.queryForList("SELECT seq, payload FROM app.audit_entry WHERE actor = 'in-order' ORDER BY seq");
		assertThat(rows).extracting(row -> row.get("payload")).containsExactly("{\"step\":1}", "{\"step\":2}");
		assertThat(((Number) rows.get(1).get("seq")).longValue()).isEqualTo(linked.seq());
		assertThat(verifier.verify().valid()).isTrue();
	}

	/**
	 * A reader links what has committed before reading, but does not wait without end for
	 * a chain head that a long transaction holds: it reads the linked entries and those
	 * still waiting after them.
	 */
	@Test
	@Timeout(60)
	void aReaderWaitsForTheHeadOnlySoLongAndThenReadsTheEntriesWaitingAfterTheLinkedOnes() throws Exception {
		auditLog.appendLinked("reader-wait", "EQ-2099-000077", AuditKind.CONFIGURATION_CHANGED, Map.of("step", 1));
		CountDownLatch holding = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		ExecutorService holder = Executors.newSingleThreadExecutor();
		Future<?> held = holder.submit(() -> transactions.executeWithoutResult(tx -> {
			auditLog.appendLinked("reader-wait", null, AuditKind.CONFIGURATION_CHANGED, Map.of("holds", "head"));
			holding.countDown();
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}));
		try {
			holding.await();
			auditLog.append("reader-wait", "EQ-2099-000077", AuditKind.CONFIGURATION_CHANGED, Map.of("step", 2));

			// without a bound on its wait, the read would wait for the holder, which
			// waits
			// for this test: the test's timeout is the guard
			List<AuditEntry> read = entries.forCase("EQ-2099-000077");
			assertThat(read).extracting(AuditEntry::payload).containsExactly("{\"step\":1}", "{\"step\":2}");
			assertThat(read.get(0).hash()).isNotNull();
			assertThat(read.get(1).hash()).as("still waiting for its link").isNull();
		}
		finally {
			release.countDown();
			held.get();
			holder.shutdown();
		}
		assertThat(entries.forCase("EQ-2099-000077")).extracting(AuditEntry::hash).doesNotContainNull();
		assertThat(verifier.verify().valid()).isTrue();
	}

	@Test
	void theDatabaseLetsAnUnlinkedEntryBeLinkedButNotChanged() {
		assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
			jdbc.update("""
					INSERT INTO app.audit_entry (occurred_at, actor, kind, payload)
					VALUES (now(), 'mallory', 'CONFIGURATION_CHANGED', '{}')
					""");
			jdbc.update("UPDATE app.audit_entry SET payload = '{\"forged\":true}' WHERE actor = 'mallory'");
		})).isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
		assertThat(jdbc.queryForObject("SELECT count(*) FROM app.audit_entry WHERE actor = 'mallory'", Long.class))
			.isZero();
	}

	@Test
	void verifiesAsValidWhileAppendsCommitDuringTheWalk() throws Exception {
		int threads = 50;
		CyclicBarrier start = new CyclicBarrier(threads + 1);
		AtomicBoolean appending = new AtomicBoolean(true);
		ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
		Future<List<ChainVerification>> verifications = pool.submit(() -> {
			List<ChainVerification> results = new ArrayList<>();
			start.await();
			while (appending.get() || results.size() < 3) {
				results.add(verifier.verify());
			}
			return results;
		});
		List<Future<?>> appended = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			int n = i;
			appended.add(pool.submit(() -> {
				start.await();
				// several appends per thread keep commits landing while the verifier
				// walks
				for (int k = 0; k < 5; k++) {
					auditLog.append("thread-" + n, null, AuditKind.CONFIGURATION_CHANGED, Map.of("n", n, "k", k));
				}
				return null;
			}));
		}
		for (Future<?> entry : appended) {
			entry.get();
		}
		appending.set(false);
		List<ChainVerification> results = verifications.get();
		pool.shutdown();

		assertThat(results).isNotEmpty()
			.allSatisfy(
					result -> assertThat(result.valid()).as("%s after %d entries", result.reason(), result.entries())
						.isTrue());
	}

	@Test
	void refusesUpdateDeleteAndTruncateOfEntries() {
		long seq = auditLog.appendLinked("tester", null, AuditKind.CONFIGURATION_CHANGED, Map.of("x", 1)).seq();
		assertThatThrownBy(() -> jdbc.update("UPDATE app.audit_entry SET actor = 'mallory' WHERE seq = ?", seq))
			.isInstanceOf(DataAccessException.class)
			.rootCause()
			.hasMessageContaining("append-only");
		assertThatThrownBy(() -> jdbc.update("DELETE FROM app.audit_entry WHERE seq = ?", seq))
			.isInstanceOf(DataAccessException.class)
			.rootCause()
			.hasMessageContaining("append-only");
		assertThatThrownBy(() -> jdbc.execute("TRUNCATE app.audit_entry")).isInstanceOf(DataAccessException.class)
			.rootCause()
			.hasMessageContaining("append-only");
		assertThat(verifier.verify().valid()).isTrue();
	}

	@Test
	void namesTheExactEntryThatWasChangedBehindItsBack() {
		List<Long> seqs = appendSome(5);
		long target = seqs.get(2);
		withChanged(target, "payload", "'{\"x\":\"forged\"}'", () -> {
			ChainVerification result = verifier.verify();
			assertThat(result.valid()).isFalse();
			assertThat(result.firstBrokenSeq()).isEqualTo(target);
			assertThat(result.reason()).contains("entry " + target).contains("changed");
			assertThat(walkedInRangesOpenedBy(target)).isEqualTo(result);
		});
		assertThat(verifier.verify().valid()).isTrue();
	}

	@Test
	void namesAnEntryDeletedFromTheMiddle() {
		List<Long> seqs = appendSome(4);
		long target = seqs.get(1);
		Map<String, Object> row = jdbc.queryForMap("SELECT * FROM app.audit_entry WHERE seq = ?", target);
		try {
			asOwner("DELETE FROM app.audit_entry WHERE seq = " + target);

			ChainVerification result = verifier.verify();
			assertThat(result.valid()).isFalse();
			assertThat(result.firstBrokenSeq()).isEqualTo(target);
			assertThat(result.reason()).contains("missing");
			assertThat(walkedInRangesOpenedBy(target)).isEqualTo(result);
		}
		finally {
			reinsert(row);
		}
		assertThat(verifier.verify().valid()).isTrue();
	}

	/**
	 * The log is walked in ranges, two at once: joined, they are one walk, whatever the
	 * ranges' size (many small ones; a last range of one entry; one range for the whole).
	 * Entries appended meanwhile by anything else only make the later walks longer.
	 */
	@Test
	void joinsTheRangesOfTheWalkIntoOneChain() {
		appendSome(5);
		ChainVerification whole = verifier.verify();

		assertThat(whole.valid()).isTrue();
		for (long range : List.of(7L, whole.entries() - 1, whole.entries())) {
			ChainVerification ranged = new AuditVerifier(jdbc, auditLog, linker, range).verify();
			assertThat(ranged.valid()).as("ranges of %d: %s", range, ranged.reason()).isTrue();
			assertThat(ranged.entries()).as("ranges of %d", range).isGreaterThanOrEqualTo(whole.entries());
		}
	}

	/**
	 * The walk hashes the bytes PostgreSQL sends, the linker and a linked append hash the
	 * text they hold: both must agree whatever the text, or a valid chain would read as
	 * changed.
	 */
	@Test
	void verifiesEntriesOfAnyScriptAndControlCharacterAsTheyWereHashed() {
		String text = "審査官 \"quoted\" back\\slash\ttab\nline \u0001 ✓ 😀 \u2028";
		transactions.executeWithoutResult(
				tx -> auditLog.append("検査 \"a\"\t", null, AuditKind.CONFIGURATION_CHANGED, Map.of("note", text)));
		auditLog.appendLinked("検査 \"b\"\t", "EQ-2099-000001", AuditKind.CONFIGURATION_CHANGED, Map.of("note", text));

		ChainVerification result = verifier.verify();

		assertThat(result.valid()).as(String.valueOf(result.reason())).isTrue();
	}

	@Test
	void namesAnEntryWhoseLinkWasChanged() {
		List<Long> seqs = appendSome(3);
		long target = seqs.get(1);
		withChanged(target, "previous_hash", "repeat('a', 64)", () -> {
			ChainVerification result = verifier.verify();
			assertThat(result.valid()).isFalse();
			assertThat(result.firstBrokenSeq()).isEqualTo(target);
			assertThat(result.reason())
				.isEqualTo("entry " + target + " does not link to the hash of entry " + (target - 1));
			assertThat(walkedInRangesOpenedBy(target)).isEqualTo(result);
		});
		assertThat(verifier.verify().valid()).isTrue();
	}

	@Test
	void noticesThatEntriesWereRemovedFromTheEnd() {
		List<Long> seqs = appendSome(2);
		long last = seqs.get(1);
		Map<String, Object> row = jdbc.queryForMap("SELECT * FROM app.audit_entry WHERE seq = ?", last);
		try {
			asOwner("DELETE FROM app.audit_entry WHERE seq = " + last);

			ChainVerification result = verifier.verify();
			assertThat(result.valid()).isFalse();
			assertThat(result.firstBrokenSeq()).isEqualTo(last);
			assertThat(result.reason()).contains("chain head");
			assertThat(walkedInRangesOpenedBy(last)).isEqualTo(result);
		}
		finally {
			reinsert(row);
		}
		assertThat(verifier.verify().valid()).isTrue();
	}

	@Test
	void servesVerificationAndTheCsvExportToAdminsOnly() throws Exception {
		ResponseEntity<Map> verified = rest.withBasicAuth("admin", "demo")
			.getForEntity("/api/v1/audit/verify", Map.class);
		assertThat(verified.getStatusCode().value()).isEqualTo(200);
		assertThat(verified.getBody()).containsEntry("valid", true).containsKey("entries").hasSize(2);
		assertThat(rest.withBasicAuth("intake", "demo")
			.getForEntity("/api/v1/audit/verify", String.class)
			.getStatusCode()
			.value()).isEqualTo(403);
		assertThat(rest.getForEntity("/api/v1/audit/verify", String.class).getStatusCode().value()).isEqualTo(401);
		assertThat(rest.withBasicAuth("issuer", "demo")
			.getForEntity("/api/v1/audit.csv", String.class)
			.getStatusCode()
			.value()).isEqualTo(403);

		AuditEntry marker = auditLog.appendLinked("tester", null, AuditKind.CONFIGURATION_CHANGED,
				Map.of("note", "=HYPERLINK(\"x\"), \"quoted\"\nand 日本語"));
		ResponseEntity<String> csv = rest.withBasicAuth("admin", "demo")
			.getForEntity("/api/v1/audit.csv", String.class);
		assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
		List<CSVRecord> records = CSVFormat.RFC4180.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new StringReader(csv.getBody()))
			.getRecords();
		CSVRecord row = records.stream()
			.filter(r -> r.get("seq").equals(String.valueOf(marker.seq())))
			.findFirst()
			.orElseThrow();
		assertThat(row.get("hash")).isEqualTo(marker.hash());
		assertThat(row.get("payload")).isEqualTo(marker.payload()).contains("日本語");
		assertThat(records).hasSizeGreaterThanOrEqualTo((int) marker.seq() - 1);
	}

	private List<Long> appendSome(int n) {
		List<Long> seqs = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			seqs.add(auditLog.appendLinked("tester", "EQ-2099-000001", AuditKind.CONFIGURATION_CHANGED, Map.of("i", i))
				.seq());
		}
		return seqs;
	}

	/**
	 * The chain walked in ranges the first of which after the first range is entry
	 * {@code seq}: what breaks at that entry breaks where two ranges join.
	 */
	private ChainVerification walkedInRangesOpenedBy(long seq) {
		return new AuditVerifier(jdbc, auditLog, linker, seq - 1).verify();
	}

	/**
	 * Runs {@code check} while one column of entry {@code seq} holds {@code forged} (an
	 * SQL expression), changed as a database owner could, then puts the column back.
	 */
	private void withChanged(long seq, String column, String forged, Runnable check) {
		String original = jdbc.queryForObject("SELECT " + column + " FROM app.audit_entry WHERE seq = ?", String.class,
				seq);
		try {
			asOwner("UPDATE app.audit_entry SET " + column + " = " + forged + " WHERE seq = " + seq);
			check.run();
		}
		finally {
			asOwner("UPDATE app.audit_entry SET " + column + " = '" + original.replace("'", "''") + "' WHERE seq = "
					+ seq);
		}
	}

	/**
	 * What a database owner can do that the application cannot: switch the trigger off
	 * around a change.
	 */
	private void asOwner(String change) {
		transactions.executeWithoutResult(tx -> {
			jdbc.execute("ALTER TABLE app.audit_entry DISABLE TRIGGER audit_entry_append_only");
			jdbc.execute(change);
			jdbc.execute("ALTER TABLE app.audit_entry ENABLE TRIGGER audit_entry_append_only");
		});
	}

	private void reinsert(Map<String, Object> row) {
		jdbc.update(
				"""
						INSERT INTO app.audit_entry (seq, occurred_at, actor, case_reference, kind, payload, previous_hash, hash)
						VALUES (?, ?, ?, ?, ?, ?, ?, ?)
						""",
				row.get("seq"), row.get("occurred_at"), row.get("actor"), row.get("case_reference"), row.get("kind"),
				row.get("payload"), row.get("previous_hash"), row.get("hash"));
	}

}
