package jp.tobira.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Component;

import jp.tobira.validation.Explained;
import jp.tobira.validation.FieldProblem;
import jp.tobira.validation.InvalidInput;
import jp.tobira.validation.Phrase;

/**
 * Puts the features' refusals into the language of the page: a refusal said as a
 * {@link Phrase} is looked up in the message bundles; anything else keeps the message it
 * came with. Templates call it as {@code @explanations}.
 */
@Component("explanations")
public class Explanations {

	private final MessageSource messages;

	Explanations(MessageSource messages) {
		this.messages = messages;
	}

	/**
	 * A refusal as one sentence for a banner; input problems each with the field they
	 * concern.
	 */
	public String of(RuntimeException refusal) {
		if (refusal instanceof InvalidInput invalid) {
			return invalid.problems()
				.stream()
				.map(problem -> messages.getMessage("field." + problem.field(), null, problem.field(),
						LocaleContextHolder.getLocale()) + ": " + of(problem))
				.collect(Collectors.joining("; "));
		}
		return refusal instanceof Explained explained ? of(explained.phrase(), refusal.getMessage())
				: refusal.getMessage();
	}

	public String of(FieldProblem problem) {
		return problem.phrase() == null ? problem.message() : of(problem.phrase(), problem.message());
	}

	/**
	 * Field path to message, in the order given; the first problem of a field is the one
	 * shown beside it.
	 */
	public Map<String, String> of(List<FieldProblem> problems) {
		Map<String, String> byField = new LinkedHashMap<>();
		problems.forEach(problem -> byField.putIfAbsent(problem.field(), of(problem)));
		return byField;
	}

	/**
	 * A decision table's rule (a flag's advice, a recommendation's rationale) in the
	 * page's language, found by the code the rule's text starts with ({@code PS-1 …});
	 * the stored English when the bundles do not know the rule.
	 */
	public String rule(String rule, String explanation) {
		String code = rule == null ? "" : rule.split(" ", 2)[0];
		return messages.getMessage("rule." + code, null, rule + ": " + explanation, LocaleContextHolder.getLocale());
	}

	/** A phrase in the page's language, such as what an automatic check measured. */
	public String text(Phrase phrase) {
		return of(phrase, phrase.english());
	}

	private String of(Phrase phrase, String english) {
		return messages.getMessage(
				new DefaultMessageSourceResolvable(new String[] { phrase.key() }, words(phrase.arguments()), english),
				LocaleContextHolder.getLocale());
	}

	/**
	 * Nested phrases, and lists of them, put into words first, as
	 * {@link Phrase#english()} does.
	 */
	private Object[] words(List<Object> arguments) {
		return arguments.stream().map(this::word).toArray();
	}

	private Object word(Object argument) {
		if (argument instanceof Phrase nested) {
			return messages.getMessage(nested.key(), words(nested.arguments()), LocaleContextHolder.getLocale());
		}
		if (argument instanceof List<?> items) {
			return items.stream().map(item -> String.valueOf(word(item))).collect(Collectors.joining(", "));
		}
		return argument;
	}

}
