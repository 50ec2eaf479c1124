package jp.tobira.validation;

import java.util.List;
import java.util.Set;

import jakarta.validation.ConstraintViolation;

/**
 * Input that breaks a rule of the domain; answered with 400 and every problem named by
 * its field.
 */
public class InvalidInput extends RuntimeException {

	private final List<FieldProblem> problems;

	public InvalidInput(List<FieldProblem> problems) {
		super(summary(problems));
		this.problems = List.copyOf(problems);
	}

	/**
	 * One field's problem, said as the message {@code key} of the bundles with its
	 * arguments.
	 */
	public static InvalidInput of(String field, String key, Object... arguments) {
		return new InvalidInput(List.of(FieldProblem.of(field, key, arguments)));
	}

	public static InvalidInput of(Set<? extends ConstraintViolation<?>> violations) {
		return new InvalidInput(problemsOf(violations));
	}

	public static List<FieldProblem> problemsOf(Set<? extends ConstraintViolation<?>> violations) {
		return violations.stream()
			.map(violation -> new FieldProblem(violation.getPropertyPath().toString(), violation.getMessage()))
			.sorted(java.util.Comparator.comparing(FieldProblem::field))
			.toList();
	}

	public List<FieldProblem> problems() {
		return problems;
	}

	/** Whether the input was refused for its size alone (413 rather than 400). */
	public boolean tooLarge() {
		return false;
	}

	private static String summary(List<FieldProblem> problems) {
		return problems.stream().map(p -> p.field() + ": " + p.message()).reduce((a, b) -> a + "; " + b).orElse("");
	}

}
