package jp.tobira.checks;

import java.util.List;
import java.util.Map;

/**
 * The pre-screen decision table ({@code bpmn/pre-screen.dmn}) as the engine evaluates it,
 * for a re-run outside the process: the table stays the one home of which rule raises
 * which flag. Implemented by the process module, the only one that touches the engine.
 */
public interface PreScreenTable {

	/**
	 * The rules that fire for the measured checks and the jurisdiction status they read,
	 * each {@code flag}, {@code rule} and {@code advice}, as the process's pre-screen
	 * task gets them.
	 */
	List<Map<String, Object>> fire(PreScreenEvaluation measured);

}
