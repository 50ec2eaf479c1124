package jp.tobira.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import jp.tobira.audit.AuditChainSeed;
import jp.tobira.audit.AuditKind;
import jp.tobira.audit.AuditLog;
import jp.tobira.audit.AuditVerifier;
import jp.tobira.audit.ChainVerification;

/**
 * "Audit" (issue 15): what appending an entry adds to a transaction, and how fast the
 * chain verifies at a million entries.
 *
 * <p>
 * Append cost: {@code threads} workers at once, each running small transactions on a case
 * of its own (its {@code updated_at} moved, as a save does), every other one also
 * appending an entry through {@link AuditLog} (a task's save: its id and key), so both
 * kinds run under the same load and the same contention; the cost is the difference of
 * their p50, p95 and means. An append writes its entry; the node's linking thread links
 * the entries into the chain meanwhile, under the chain head's lock, and its work is part
 * of the load measured; how many entries waited for their link and how soon after the
 * last commit the chain caught up are measured too.
 *
 * <p>
 * Verification: the log brought to {@code entries} entries with {@link AuditChainSeed}
 * (batched {@code COPY}, hashed by the audit module's own rule), then
 * {@link AuditVerifier#verify()} timed twice (the second with the code compiled and the
 * table in the cache).
 */
final class AuditCost {

	record Settings(int threads, int transactionsPerThread, long entries, Path output) {
	}

	record Latency(int samples, double p50, double p95, double p99, double mean) {
	}

	/**
	 * @param mostUnlinked the most entries seen waiting for their link (sampled every 5
	 * ms while the writers ran)
	 * @param drainedMillis from the last writer's commit to no entry waiting
	 */
	record Append(int threads, Latency without, Latency with, double addedP50, double addedP95, double addedMean,
			long mostUnlinked, double drainedMillis) {
	}

	record Verification(long entries, long seedMillis, double firstSeconds, double secondSeconds,
			double entriesPerSecondFirst, double entriesPerSecondSecond, boolean valid) {
	}

	/** Issue 15: what an append may add to a transaction at p95. */
	static final double APPEND_P95_MILLIS = 2;

	/** Issue 15: how fast the chain's verification walks it. */
	static final int VERIFIED_PER_SECOND = 500_000;

	private final JdbcTemplate jdbc;

	private final DataSource dataSource;

	private final TransactionTemplate transactions;

	private final AuditLog auditLog;

	private final AuditVerifier verifier;

	private final List<UUID> cases;

	private final Settings settings;

	/**
	 * @param cases one case a thread, whose rows the small transactions write
	 */
	AuditCost(JdbcTemplate jdbc, DataSource dataSource, TransactionTemplate transactions, AuditLog auditLog,
			AuditVerifier verifier, List<UUID> cases, Settings settings) {
		if (cases.size() < settings.threads()) {
			throw new IllegalArgumentException("one case a thread is needed");
		}
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.transactions = transactions;
		this.auditLog = auditLog;
		this.verifier = verifier;
		this.cases = cases;
		this.settings = settings;
	}

	Append append() throws Exception {
		ConcurrentLinkedQueue<Double> without = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<Double> with = new ConcurrentLinkedQueue<>();
		ExecutorService pool = Executors.newFixedThreadPool(settings.threads());
		CyclicBarrier together = new CyclicBarrier(settings.threads());
		List<Future<?>> running = new ArrayList<>();
		for (int t = 0; t < settings.threads(); t++) {
			UUID id = cases.get(t);
			String reference = jdbc.queryForObject("SELECT reference FROM app.application WHERE id = ?", String.class,
					id);
			running.add(pool.submit(() -> {
				together.await();
				for (int i = 0; i < settings.transactionsPerThread(); i++) {
					boolean audited = i % 2 == 1;
					int n = i;
					long start = System.nanoTime();
					transactions.executeWithoutResult(status -> {
						jdbc.update("UPDATE app.application SET updated_at = now() WHERE id = ?", id);
						if (audited) {
							auditLog.append("bench", reference, AuditKind.TASK_SAVED,
									Map.of("taskId", "bench-" + n, "taskKey", "reviewBacking"));
						}
					});
					(audited ? with : without).add((System.nanoTime() - start) / 1e6);
				}
				return null;
			}));
		}
		pool.shutdown();
		// the linker's side: how many entries wait for their link while the writers run,
		// and how long after the last commit the chain has caught up
		AtomicLong mostUnlinked = new AtomicLong();
		AtomicBoolean writing = new AtomicBoolean(true);
		Thread sampler = new Thread(() -> {
			while (writing.get()) {
				mostUnlinked.accumulateAndGet(unlinked(), Math::max);
				try {
					Thread.sleep(5);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
		sampler.start();
		for (Future<?> future : running) {
			future.get();
		}
		long lastCommit = System.nanoTime();
		writing.set(false);
		sampler.join();
		while (unlinked() > 0) {
			Thread.sleep(1);
		}
		double drainedMillis = round((System.nanoTime() - lastCommit) / 1e6);
		Latency plain = latency(without);
		Latency audited = latency(with);
		return new Append(settings.threads(), plain, audited, round(audited.p50() - plain.p50()),
				round(audited.p95() - plain.p95()), round(audited.mean() - plain.mean()), mostUnlinked.get(),
				drainedMillis);
	}

	private long unlinked() {
		return jdbc.queryForObject("SELECT count(*) FROM app.audit_entry WHERE seq IS NULL", Long.class);
	}

	Verification verification() throws Exception {
		long present = jdbc.queryForObject("SELECT seq FROM app.audit_chain_head WHERE id = 1", Long.class);
		long start = System.nanoTime();
		if (present < settings.entries()) {
			AuditChainSeed.append(dataSource, settings.entries() - present, 50_000);
		}
		jdbc.execute("VACUUM ANALYZE app.audit_entry");
		long seedMillis = (System.nanoTime() - start) / 1_000_000;
		System.out.printf("BENCH audit log brought from %,d to %,d entries in %,d ms%n", present,
				Math.max(present, settings.entries()), seedMillis);
		long first = System.nanoTime();
		ChainVerification once = verifier.verify();
		double firstSeconds = (System.nanoTime() - first) / 1e9;
		long second = System.nanoTime();
		ChainVerification twice = verifier.verify();
		double secondSeconds = (System.nanoTime() - second) / 1e9;
		return new Verification(twice.entries(), seedMillis, round(firstSeconds), round(secondSeconds),
				Math.round(once.entries() / firstSeconds), Math.round(twice.entries() / secondSeconds),
				once.valid() && twice.valid());
	}

	/** Both measurements, written to {@code audit.json} and printed. */
	Map<String, Object> run() throws Exception {
		Files.createDirectories(settings.output());
		Map<String, Object> results = new LinkedHashMap<>();
		results.put("benchmark", "audit");
		results.put("measuredAt", Instant.now().toString());
		results.put("processors", Runtime.getRuntime().availableProcessors());
		double before = load();
		Append append = append();
		results.put("append", append);
		results.put("appendLoad", List.of(before, load()));
		before = load();
		Verification verification = verification();
		results.put("verification", verification);
		results.put("verificationLoad", List.of(before, load()));
		write(results);
		System.out.println();
		System.out.println("BENCH | audit | p50 ms | p95 ms | p99 ms | mean ms | samples");
		print("transaction without append", append.without());
		print("transaction with append", append.with());
		System.out.printf("BENCH | added by the append (%d threads) | %.2f | %.2f | | %.2f |%n", append.threads(),
				append.addedP50(), append.addedP95(), append.addedMean());
		System.out.printf(
				"BENCH linking: at most %,d entries waited for their link; linked %.1f ms after the last commit%n",
				append.mostUnlinked(), append.drainedMillis());
		System.out.printf(
				"BENCH verification of %,d entries: %.2f s then %.2f s: %,.0f then %,.0f entries/s, " + "valid %s%n",
				verification.entries(), verification.firstSeconds(), verification.secondSeconds(),
				verification.entriesPerSecondFirst(), verification.entriesPerSecondSecond(), verification.valid());
		System.out.println(Targets.line(
				"audit: added to a transaction", String.format("p95 %.2f ms (at most %.0f, %d threads)",
						append.addedP95(), APPEND_P95_MILLIS, append.threads()),
				append.addedP95() <= APPEND_P95_MILLIS));
		// the second walk is the steady one; the first runs while the walk's code is
		// still being compiled
		System.out.println(Targets.line("audit: verification",
				String.format("%,.0f entries/s, the first walk %,.0f (at least %,d)",
						verification.entriesPerSecondSecond(), verification.entriesPerSecondFirst(),
						VERIFIED_PER_SECOND),
				verification.valid() && verification.entriesPerSecondSecond() >= VERIFIED_PER_SECOND));
		return results;
	}

	private void write(Map<String, Object> results) throws IOException {
		new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
			.writeValue(settings.output().resolve("audit.json").toFile(), results);
	}

	private static void print(String name, Latency latency) {
		System.out.printf("BENCH | %s | %.2f | %.2f | %.2f | %.2f | %d%n", name, latency.p50(), latency.p95(),
				latency.p99(), latency.mean(), latency.samples());
	}

	private static Latency latency(ConcurrentLinkedQueue<Double> millis) {
		double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		return new Latency(sorted.length, rank(sorted, 50), rank(sorted, 95), rank(sorted, 99),
				round(Arrays.stream(sorted).average().orElse(0)));
	}

	private static double rank(double[] sorted, int percentile) {
		if (sorted.length == 0) {
			return 0;
		}
		int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
		return round(sorted[Math.max(0, Math.min(sorted.length - 1, index))]);
	}

	private static double round(double value) {
		return Math.round(value * 1000) / 1000.0;
	}

	private static double load() {
		return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
	}

}
