package jp.tobira.checks.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.tobira.checks.Flag;
import jp.tobira.checks.PreScreenEvaluation;

/**
 * A stored evaluation as the API gives it: the pre-screen the process made, or a
 * reviewer's re-run. The rulebook version it ran under and the configuration (that
 * version's thresholds, the jurisdiction's status as read), each check's value and
 * threshold (in English), result, flag and the rule that fired.
 *
 * @param rulebookVersion {@code null} for an evaluation stored before the rulebook was
 * data
 */
public record PreScreenView(UUID id, PreScreenEvaluation.Kind kind, String evaluatedBy, Instant evaluatedAt,
		LocalDate asOf, Integer rulebookVersion, Map<String, Object> configuration, List<CheckView> checks) {

	public record CheckView(String code, String value, String threshold, PreScreenEvaluation.Result result, Flag flag,
			String rule) {
	}

	public static PreScreenView of(PreScreenEvaluation evaluation) {
		return new PreScreenView(evaluation.id(), evaluation.kind(), evaluation.evaluatedBy(), evaluation.evaluatedAt(),
				evaluation.asOf(), evaluation.configuration().rulebookVersion(), evaluation.configurationJson(),
				evaluation.checks()
					.stream()
					.map(c -> new CheckView(c.code(), c.value().english(), c.threshold().english(), c.result(),
							c.flag(), c.rule()))
					.toList());
	}

}
