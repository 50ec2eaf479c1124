package jp.tobira.validation;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * A sentence for a person, as a key of the message bundles with its arguments, so that
 * each reader gets it in their language: the screens look it up in the page's locale; the
 * API and the logs use {@link #english()}. The features that refuse something do not know
 * who will read the refusal, so they say it as a phrase, not as a string.
 */
public record Phrase(String key, List<Object> arguments) {

	/**
	 * The base bundle is the English one; the screens read the same files through
	 * Spring's message source.
	 */
	private static final String BUNDLE = "messages";

	/**
	 * An argument may be missing (null): it reads as a dash rather than failing the
	 * refusal it explains.
	 */
	public Phrase {
		arguments = java.util.Collections.unmodifiableList(arguments.stream()
			.map(a -> a == null ? (Object) "—" : a)
			.collect(java.util.stream.Collectors.toList()));
	}

	public static Phrase of(String key, Object... arguments) {
		return new Phrase(key, java.util.Arrays.asList(arguments));
	}

	public Object[] argumentArray() {
		return arguments.toArray();
	}

	/**
	 * As Spring's message source formats it: a message without arguments is taken as it
	 * stands, and an argument that is itself a phrase (a task's or a status's name), or a
	 * list of them, is put into words first.
	 */
	public String english() {
		String pattern = ResourceBundle
			.getBundle(BUNDLE, Locale.ROOT,
					ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES))
			.getString(key);
		if (arguments.isEmpty()) {
			return pattern;
		}
		Object[] words = arguments.stream().map(Phrase::english).toArray();
		return new MessageFormat(pattern, Locale.ENGLISH).format(words);
	}

	/** A list argument reads as its items, each put into words, separated by commas. */
	private static Object english(Object argument) {
		if (argument instanceof Phrase phrase) {
			return phrase.english();
		}
		if (argument instanceof List<?> items) {
			return items.stream()
				.map(item -> String.valueOf(english(item)))
				.collect(java.util.stream.Collectors.joining(", "));
		}
		return argument;
	}
}
