package jp.tobira.validation;

/**
 * The validation group of what must be present before submission. A draft may be partial;
 * every rule about the form of a value (length, code lists, dates) holds for drafts too.
 */
public interface Complete {

}
