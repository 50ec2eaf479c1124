package jp.tobira.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
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

	@Test
	void appendsFromFiftyThreadsAtOnceAndTheChainStaysValid() throws Exception {
		long before = verifier.verify().entries();
		int threads = 50;
		CyclicBarrier start = new CyclicBarrier(threads);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<Future<AuditEntry>> appended = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			int n = i;
			appended.add(pool.submit(() -> {
				start.await();
				return auditLog.append("thread-" + n, null, AuditKind.CONFIGURATION_CHANGED, Map.of("n", n));
			}));
		}
		List<Long> seqs = new ArrayList<>();
		for (Future<AuditEntry> entry : appended) {
			seqs.add(entry.get().seq());
		}
		pool.shutdown();

		ChainVerification after = verifier.verify();
		assertThat(after.valid()).as(String.valueOf(after.reason())).isTrue();
		assertThat(after.entries()).isEqualTo(before + threads);
		assertThat(seqs).doesNotHaveDuplicates();
		assertThat(seqs.stream().mapToLong(Long::longValue).max().getAsLong()
				- seqs.stream().mapToLong(Long::longValue).min().getAsLong())
			.isEqualTo(threads - 1);
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
		List<Future<AuditEntry>> appended = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			int n = i;
			appended.add(pool.submit(() -> {
				start.await();
				// several appends per thread keep commits landing while the verifier
				// walks
				AuditEntry last = null;
				for (int k = 0; k < 5; k++) {
					last = auditLog.append("thread-" + n, null, AuditKind.CONFIGURATION_CHANGED,
							Map.of("n", n, "k", k));
				}
				return last;
			}));
		}
		for (Future<AuditEntry> entry : appended) {
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
		long seq = auditLog.append("tester", null, AuditKind.CONFIGURATION_CHANGED, Map.of("x", 1)).seq();
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
		String original = jdbc.queryForObject("SELECT payload FROM app.audit_entry WHERE seq = ?", String.class,
				target);
		try {
			asOwner("UPDATE app.audit_entry SET payload = '{\"x\":\"forged\"}' WHERE seq = " + target);

			ChainVerification result = verifier.verify();
			assertThat(result.valid()).isFalse();
			assertThat(result.firstBrokenSeq()).isEqualTo(target);
			assertThat(result.reason()).contains("entry " + target).contains("changed");
		}
		finally {
			asOwner("UPDATE app.audit_entry SET payload = '" + original.replace("'", "''") + "' WHERE seq = " + target);
		}
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
		}
		finally {
			reinsert(row);
		}
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

		AuditEntry marker = auditLog.append("tester", null, AuditKind.CONFIGURATION_CHANGED,
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
			seqs.add(
					auditLog.append("tester", "EQ-2099-000001", AuditKind.CONFIGURATION_CHANGED, Map.of("i", i)).seq());
		}
		return seqs;
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
