package jp.tobira.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * A small run of {@link LifecycleThroughputBenchmark} in the ordinary build, so that it
 * cannot rot: two lifecycles of each driver with one and with two workers, every one
 * reaching the decision (the services' an approval, the bare model's its end), the
 * figures positive and written. No timing is asserted. The bare model's deployment, with
 * its instances and their history, is removed afterwards (this database is shared with
 * the other tests).
 */
@TobiraIntegrationTest
class LifecycleThroughputSmokeIntegrationTests {

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
	void drivesTheLifecycleThroughTheServicesAndTheBareEngineAndWritesTheRatio() throws Exception {
		jurisdictions.set("admin", Fixtures.EQUIVALENT_HOME, "Switzerland", EquivalenceStatus.EQUIVALENT,
				Fixtures.DETERMINED_ON, Fixtures.DETERMINATION, "test");
		Path output = Path.of("target", "bench-smoke");
		LifecycleThroughput bench = new LifecycleThroughput(
				new CaseDriver(applicationService, documents, applications, tasks, engine, organisations), tasks,
				applications, engine, new LifecycleThroughput.Settings(List.of(1, 2), 2, 0, output));
		try {
			List<LifecycleThroughput.Level> levels = bench.run();

			assertThat(levels).extracting(LifecycleThroughput.Level::workers).containsExactly(1, 2);
			assertThat(levels).allSatisfy(level -> {
				assertThat(level.services().failures()).as("%s", level.services().errors()).isZero();
				assertThat(level.bare().failures()).as("%s", level.bare().errors()).isZero();
				assertThat(level.services().lifecycles()).isEqualTo(2);
				assertThat(level.bare().lifecycles()).isEqualTo(2);
				assertThat(level.services().perSecond()).isPositive();
				assertThat(level.bare().perSecond()).isPositive();
				assertThat(level.ratio()).isPositive();
			});
			// the bare model took the services' path to the approval, timer and tables
			// included
			assertThat(engine.getHistoryService()
				.createHistoricActivityInstanceQuery()
				.processDefinitionId(engine.getRepositoryService()
					.createProcessDefinitionQuery()
					.processDefinitionKey(LifecycleThroughput.BARE_KEY)
					.singleResult()
					.getId())
				.activityId("recordApproval")
				.count()).isEqualTo(4);
			JsonNode results = new ObjectMapper().readTree(output.resolve("lifecycle.json").toFile());
			assertThat(results.at("/levels/1/workers").asInt()).isEqualTo(2);
			assertThat(results.at("/levels/0/ratio").asDouble()).isPositive();
			assertThat(results.at("/servicesPhases/tasksMillis").asDouble()).isPositive();
		}
		finally {
			bench.removeBareModel();
		}
	}

}
