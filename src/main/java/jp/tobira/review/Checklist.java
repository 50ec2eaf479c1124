package jp.tobira.review;

import java.util.List;

import jp.tobira.validation.Phrase;

/**
 * A task's checklist: the items a reviewer gives a verdict (and a note) on, and the
 * verdicts to choose from. Its form fields are {@code checklist.<item>.verdict} and
 * {@code checklist.<item>.note}; one fragment draws every checklist.
 */
public record Checklist(List<Item> items, List<String> verdicts) {

	/** An item: its code in the form, and its name for the reader. */
	public record Item(String code, Phrase label) {
	}

}
