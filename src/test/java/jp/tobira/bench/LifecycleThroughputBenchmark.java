package jp.tobira.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import jp.tobira.Fixtures;
import jp.tobira.TobiraIntegrationTest;
import jp.tobira.application.ApplicationService;
import jp.tobira.application.Applications;
import jp.tobira.application.DocumentService;
import jp.tobira.cooperation.EquivalenceStatus;
import jp.tobira.cooperation.Jurisdictions;
import jp.tobira.process.CaseDriver;
import jp.tobira.review.ReviewTasks;
import jp.tobira.security.Organisations;

/**
 * Lifecycle throughput (issue 15), run by {@code ./mvnw -Pbench verify} alone:
 * {@link LifecycleThroughput} with 1, 2 and 4 workers ({@code -Dbench.workers}),
 * {@code -Dbench.lifecycles} lifecycles a level for each driver (default 24), after
 * {@code -Dbench.lifecycle.warmup} of each (default 3). Writes
 * {@code target/bench/lifecycle.json}. {@link LifecycleThroughputSmokeIntegrationTests}
 * keeps it from rotting in the ordinary build.
 */
@TobiraIntegrationTest
class LifecycleThroughputBenchmark {

	@Autowired
	ApplicationService applicationService;

	@Autowired
	DocumentService documents;

	@Autowired
	Applications applications;

	@Autowired
	ReviewTasks tasks;

	@Autowired
	ProcessEngine engine;

	@Autowired
	Organisations organisations;

	@Autowired
	Jurisdictions jurisdictions;

	@Test
	void lifecycleThroughput() throws Exception {
		List<Integer> workers = Arrays.stream(System.getProperty("bench.workers", "1,2,4").split(","))
			.map(String::strip)
			.map(Integer::valueOf)
			.toList();
		jurisdictions.set("admin", Fixtures.EQUIVALENT_HOME, "Switzerland", EquivalenceStatus.EQUIVALENT,
				Fixtures.DETERMINED_ON, Fixtures.DETERMINATION, "bench");
		LifecycleThroughput bench = new LifecycleThroughput(
				new CaseDriver(applicationService, documents, applications, tasks, engine, organisations), tasks,
				applications, engine,
				new LifecycleThroughput.Settings(workers, Integer.getInteger("bench.lifecycles", 24),
						Integer.getInteger("bench.lifecycle.warmup", 3), Path.of("target", "bench")));
		List<LifecycleThroughput.Level> levels = bench.run();

		assertThat(levels).hasSize(workers.size()).allSatisfy(level -> {
			assertThat(level.services().failures()).as("services failures: %s", level.services().errors()).isZero();
			assertThat(level.bare().failures()).as("bare failures: %s", level.bare().errors()).isZero();
		});
	}

}
