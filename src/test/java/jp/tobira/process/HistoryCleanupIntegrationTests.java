package jp.tobira.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.time.ZoneId;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import jp.tobira.TobiraIntegrationTest;

/**
 * Camunda's own history is kept for its time to live and then removed, at night: the
 * engine has the job for it.
 */
@TobiraIntegrationTest
class HistoryCleanupIntegrationTests {

	@Autowired
	ProcessEngine engine;

	@Test
	void schedulesTheHistoryCleanupInsideItsNightlyWindow() {
		var configuration = (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine
			.getProcessEngineConfiguration();
		assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
		assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");
		assertThat(engine.getHistoryService().findHistoryCleanupJobs()).isNotEmpty().allSatisfy(job -> {
			LocalTime due = job.getDuedate().toInstant().atZone(ZoneId.systemDefault()).toLocalTime();
			assertThat(due).as("due %s", due).isBetween(LocalTime.of(1, 0), LocalTime.of(5, 0));
		});
		assertThat(engine.getHistoryService().findHistoryCleanupJobs()).extracting(Job::getRetries)
			.allMatch(r -> r > 0);
	}

}
