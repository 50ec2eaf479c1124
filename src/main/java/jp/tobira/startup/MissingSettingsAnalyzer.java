package jp.tobira.startup;

import java.util.stream.Collectors;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Spring Boot's "APPLICATION FAILED TO START" report for {@link MissingSettings}: every
 * missing setting on its own line, instead of a stack trace about the first bean that
 * needed one.
 */
class MissingSettingsAnalyzer extends AbstractFailureAnalyzer<MissingSettings> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingSettings cause) {
		String settings = cause.settings()
			.stream()
			.map(setting -> "    - " + setting)
			.collect(Collectors.joining("\n"));
		return new FailureAnalysis("Tobira cannot start without these settings:\n\n" + settings,
				"Set each as an environment variable (or the property of that name). README.md, "
						+ "'The prod profile', lists every setting the prod profile needs.",
				cause);
	}

}
