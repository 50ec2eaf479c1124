package jp.tobira.notification;

import jp.tobira.validation.Phrase;
import jp.tobira.validation.Refusal;

/**
 * No such message in the outbox, or no outbox page at all: outside demo mode the outbox
 * holds real people's mail, which no screen shows.
 */
public class OutboxMessageNotFound extends Refusal {

	public OutboxMessageNotFound(Object id) {
		super(Kind.NOT_FOUND, "Not found", Phrase.of("error.outbox.notFound", String.valueOf(id)));
	}

}
