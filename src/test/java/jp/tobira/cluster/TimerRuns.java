package jp.tobira.cluster;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Watches the model's timer steps on the nodes of a test: each time a fired timer's job
 * runs the {@code timerAudit} listener (the first thing every timer of the model does),
 * which node ran it, for which case, and whether that job's transaction committed or
 * rolled back. Armed, it holds the first run until a second run of a timer has started: a
 * step that outlives its job lock while another acquisition runs the same job.
 *
 * <p>
 * Static because the nodes of a test are Spring contexts in one JVM and the test reads
 * what all of them did; it wraps the real listener and changes nothing about what it
 * does.
 */
final class TimerRuns {

	/** How long a held run waits for a second one before it gives up and goes on. */
	static final long HOLD_SECONDS = 60;

	private static final Queue<Run> started = new ConcurrentLinkedQueue<>();

	private static final Queue<Run> finished = new ConcurrentLinkedQueue<>();

	private static volatile CountDownLatch held;

	private TimerRuns() {
	}

	/**
	 * @param node the process engine's name (one per node)
	 * @param reference the case
	 * @param committed whether the job's transaction committed (for a finished run)
	 */
	record Run(String node, String reference, boolean committed) {
	}

	/** For {@code SpringApplicationBuilder.initializers}: watches this node's timers. */
	static void watch(ConfigurableApplicationContext node) {
		node.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String name) {
				if (!"timerAudit".equals(name)) {
					return bean;
				}
				ExecutionListener timerAudit = (ExecutionListener) bean;
				return (ExecutionListener) execution -> {
					started(execution);
					timerAudit.notify(execution);
				};
			}
		});
	}

	/** The next timer run waits (at most {@link #HOLD_SECONDS}) until another starts. */
	static void holdTheNextRunUntilASecondStarts() {
		held = new CountDownLatch(2);
	}

	static void release() {
		CountDownLatch latch = held;
		held = null;
		if (latch != null) {
			while (latch.getCount() > 0) {
				latch.countDown();
			}
		}
	}

	static List<Run> startedFor(String reference) {
		return started.stream().filter(run -> run.reference().equals(reference)).toList();
	}

	static List<Run> finishedFor(String reference) {
		return finished.stream().filter(run -> run.reference().equals(reference)).toList();
	}

	private static void started(DelegateExecution execution) {
		String node = execution.getProcessEngine().getName();
		String reference = execution.getProcessBusinessKey();
		started.add(new Run(node, reference, false));
		// the job executor runs the job in a Spring transaction (the engine's
		// SpringTransactionInterceptor): its outcome is the run's
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCompletion(int status) {
				finished.add(new Run(node, reference, status == STATUS_COMMITTED));
			}
		});
		CountDownLatch latch = held;
		if (latch != null) {
			latch.countDown();
			try {
				latch.await(HOLD_SECONDS, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
