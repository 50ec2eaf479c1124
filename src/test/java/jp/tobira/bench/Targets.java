package jp.tobira.bench;

/**
 * Issue 15's targets as the benchmarks print them: one line a figure, in one format, so
 * that {@code grep 'BENCH target'} over a run's output is the list of targets met and not
 * met that BENCHMARKS.md and a closing note quote.
 */
final class Targets {

	private Targets() {
	}

	/**
	 * @param name what is measured
	 * @param figure the figure and its target, as a reader should see them
	 * @param met whether the figure meets the target
	 */
	static String line(String name, String figure, boolean met) {
		return String.format("BENCH target %-34s %s  %s", name, figure, met ? "met" : "NOT MET");
	}

}
