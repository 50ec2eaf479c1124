package jp.tobira;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Concepts that have one home in the code and must not be spelt out again elsewhere: a
 * copy drifts from its home the first time one of them changes, and nothing else would
 * notice.
 */
class OneHomeTests {

	private static final Path MAIN = Path.of("src", "main", "java");

	@Test
	void theSystemActorIsNamedOnlyByActorSystem() {
		assertThat(filesContaining("\"system\"")).as("write Actor.SYSTEM.username()")
			.containsExactly(MAIN.resolve("jp/tobira/security/Actor.java"));
	}

	@Test
	void theOpenStatusesAreListedOnlyByApplicationStatus() {
		// a query that lists statuses in SQL names them in quotes; it writes
		// ApplicationStatus.openLiterals() instead
		assertThat(filesContaining("'SUBMITTED'")).as("write ApplicationStatus.openLiterals()").isEmpty();
		assertThat(filesContaining("'AWAITING_ISSUER'")).as("write ApplicationStatus.openLiterals()").isEmpty();
	}

	private static List<Path> filesContaining(String text) {
		try (Stream<Path> files = Files.walk(MAIN)) {
			return files.filter(file -> file.toString().endsWith(".java"))
				.filter(file -> read(file).contains(text))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
