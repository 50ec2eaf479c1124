package jp.tobira.validation;

/**
 * A refusal that can be put into the reader's language: its message is the English
 * rendering of its phrase.
 */
public interface Explained {

	Phrase phrase();

}
