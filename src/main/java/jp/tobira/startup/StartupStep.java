package jp.tobira.startup;

import org.springframework.context.SmartLifecycle;

/**
 * Work done once at start, after the engine and the database are ready and before the web server takes its first
 * request: nobody sees half-made demo data, a demo case's moved engine clock, or a decision table not yet rebuilt
 * from the jurisdiction data. (An {@code ApplicationRunner} would run with the port already open.) Steps run in the
 * order of their {@link Order}; the job executor starts only later, when the application is ready. A step that
 * needs a transaction opens it itself: {@link #runAtStart()} is called on the bean, not through its proxy.
 */
public abstract class StartupStep implements SmartLifecycle {

	/** Spring Boot starts the web server in phase {@code Integer.MAX_VALUE - 2048}; these run well before it. */
	public enum Order {

		DECISION_TABLES, DEMO_USERS, DEMO_CASES;

		int phase() {
			return Integer.MAX_VALUE - 8192 + ordinal();
		}
	}

	private final Order order;

	private volatile boolean done;

	protected StartupStep(Order order) {
		this.order = order;
	}

	protected abstract void runAtStart();

	@Override
	public void start() {
		runAtStart();
		done = true;
	}

	@Override
	public void stop() {
		done = false;
	}

	@Override
	public boolean isRunning() {
		return done;
	}

	@Override
	public int getPhase() {
		return order.phase();
	}
}
