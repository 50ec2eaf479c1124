package jp.tobira.application;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jp.tobira.validation.FieldProblem;
import jp.tobira.validation.Phrase;
import jp.tobira.validation.Refusal;

/**
 * The room for uploads on the node stayed too full for the request's files for as long as
 * a request may wait (429, with a few seconds as {@code Retry-After}): nothing of the
 * request was read or stored.
 */
public class UploadRoomFull extends Refusal {

	static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	UploadRoomFull() {
		super(Kind.TOO_MANY_REQUESTS, "Too many uploads at once",
				Phrase.of("error.uploadRoom", RETRY_AFTER.toSeconds()));
	}

	@Override
	public Optional<Duration> retryAfter() {
		return Optional.of(RETRY_AFTER);
	}

	@Override
	public List<FieldProblem> fields() {
		return List.of(new FieldProblem("file", getMessage(), phrase()));
	}

}
