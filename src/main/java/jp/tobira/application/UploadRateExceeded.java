package jp.tobira.application;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jp.tobira.validation.FieldProblem;
import jp.tobira.validation.Phrase;
import jp.tobira.validation.Refusal;

/**
 * The issuer organisation has made as many uploads as one window allows (429, with the
 * seconds until the window ends as {@code Retry-After}).
 */
public class UploadRateExceeded extends Refusal {

	private final transient Duration retryAfter;

	UploadRateExceeded(int limit, Duration window, Duration retryAfter) {
		super(Kind.TOO_MANY_REQUESTS, "Too many uploads",
				Phrase.of("error.uploadRate", limit, window.toMinutes(), retryAfter.toSeconds()));
		this.retryAfter = retryAfter;
	}

	@Override
	public Optional<Duration> retryAfter() {
		return Optional.of(retryAfter);
	}

	@Override
	public List<FieldProblem> fields() {
		return List.of(new FieldProblem("file", getMessage(), phrase()));
	}

}
