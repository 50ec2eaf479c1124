package jp.tobira.decision;

/**
 * A change of the register with the token it concerns: one entry of the Atom feed.
 *
 * @param id the change's row, which never changes (the history is append-only)
 */
public record RegisterFeedItem(long id, String tokenName, String symbol, RegisterStatusChange change) {
}
