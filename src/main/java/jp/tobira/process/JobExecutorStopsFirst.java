package jp.tobira.process;

import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;

/**
 * At shut-down the node stops taking jobs before anything else stops: a job acquired now
 * would have its lock held by a node that is going away, and its timers would wait for
 * the lock to run out before another node took them. Spring Boot's graceful shut-down
 * then lets the requests in flight finish (phase {@code Integer.MAX_VALUE - 1024}) before
 * the web server stops ({@code - 2048}); the jobs in flight finish as the job executor's
 * thread pool stops (it waits for its running tasks). Without this the engine's job
 * executor stopped only when the engine was closed, after the web server.
 *
 * <p>
 * The pool is injected so that this bean depends on it: within one phase Spring stops the
 * beans depending on another first, and the pool's own lifecycle runs in the highest
 * phase too.
 */
@Component
// where the engine's starter makes a job executor at all (tests without one turn it off)
@ConditionalOnProperty(prefix = "camunda.bpm.job-execution", name = "enabled", havingValue = "true",
		matchIfMissing = true)
class JobExecutorStopsFirst implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(JobExecutorStopsFirst.class);

	private final JobExecutor jobExecutor;

	JobExecutorStopsFirst(JobExecutor jobExecutor, @Qualifier("camundaTaskExecutor") TaskExecutor jobThreads) {
		this.jobExecutor = jobExecutor;
	}

	/** The engine's starter starts the job executor once the application has started. */
	@Override
	public void start() {
	}

	@Override
	public void stop() {
		long started = System.nanoTime();
		jobExecutor.shutdown();
		log.info("Job acquisition stopped at shut-down in {} ms", (System.nanoTime() - started) / 1_000_000);
	}

	@Override
	public boolean isRunning() {
		return jobExecutor.isActive();
	}

	/** The highest: before the web server's graceful shut-down and everything else. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE;
	}

}
