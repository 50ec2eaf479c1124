package jp.tobira.startup;

import org.springframework.context.SmartLifecycle;

/**
 * Work done once at start, after the engine and the database are ready and before the web
 * server takes its first request: nobody sees half-made demo data, a demo case's moved
 * engine clock, or a decision table not yet rebuilt from the jurisdiction data. (An
 * {@code ApplicationRunner} would run with the port already open.) Steps run in the order
 * of their {@link Sequence}; the job executor starts only later, when the application is
 * ready. A step that needs a transaction opens it itself: {@link #runAtStart()} is called
 * on the bean, not through its proxy.
 */
public abstract class StartupStep implements SmartLifecycle {

	/**
	 * Spring Boot starts the web server in phase {@code Integer.MAX_VALUE - 2048}; these
	 * run well before it.
	 */
	public enum Sequence {

		DECISION_TABLES, RULEBOOK, DEMO_USERS, FIRST_ADMIN, DEMO_CASES, DEMO_RULEBOOK;

		int phase() {
			return Integer.MAX_VALUE - 8192 + ordinal();
		}

	}

	private final Sequence sequence;

	private volatile boolean done;

	protected StartupStep(Sequence sequence) {
		this.sequence = sequence;
	}

	protected abstract void runAtStart();

	@Override
	public void start() {
		runAtStart();
		done = true;
	}

	/**
	 * Done once: a stopped and restarted context does not make the demo data or the first
	 * admin again.
	 */
	@Override
	public void stop() {
	}

	@Override
	public boolean isRunning() {
		return done;
	}

	@Override
	public int getPhase() {
		return sequence.phase();
	}

}
