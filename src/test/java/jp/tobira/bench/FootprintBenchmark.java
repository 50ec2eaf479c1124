package jp.tobira.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The footprint of issue 15, run by {@code ./mvnw -Pbench verify} alone
 * ({@link Footprint}): the packaged jar's first start with demo data and its restart,
 * then {@code -Dbench.footprint.cases} open cases (default 100,000; 0 leaves this part
 * out) and a restart on them, {@code -Dbench.footprint.requests} rounds of reading after
 * each start (default 10); {@code -Dbench.footprint.launch=defaults} starts it with
 * {@code java -jar} and the JVM's defaults instead of the production launch
 * ({@code java @jvm.options -jar}), for a figure to compare with. Writes
 * {@code target/bench/footprint.json}; the jar's log is under
 * {@code target/bench/footprint/}. It needs no Spring context of its own: the jar is a
 * child process. The smoke run in the ordinary build is {@link FootprintTests} (what it
 * reads of the operating system); starting the jar there is
 * {@code CrashIntegrationTests}' own work, through the same {@code PackagedApplication}.
 */
class FootprintBenchmark {

	@Test
	void startUpAndResidentMemory() throws Exception {
		int cases = Integer.getInteger("bench.footprint.cases", 100_000);
		List<Footprint.Start> starts = new Footprint(
				new Footprint.Settings(cases, Integer.getInteger("bench.footprint.requests", 10),
						Path.of("target", "bench"), !"defaults".equals(System.getProperty("bench.footprint.launch"))))
			.run();

		assertThat(starts).hasSize(cases > 0 ? 4 : 2);
		assertThat(starts).allSatisfy(start -> assertThat(start.rssAfterReadingKiB()).isPositive());
	}

}
