package jp.tobira.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class PhraseTests {

	@Test
	void readsInEnglishFromTheBaseBundleWithNumbersUngrouped() {
		assertThat(Phrase.of("problem.tooLong", 10_000).english()).isEqualTo("must be at most 10000 characters");
	}

	@Test
	void putsNestedPhrasesAndListsIntoWordsFirst() {
		assertThat(Phrase.of("error.notWithdrawable", "EQ-2026-000001", Phrase.of("status.APPROVED")).english())
			.isEqualTo("Application EQ-2026-000001 is Approved and can no longer be withdrawn.");
		assertThat(
				Phrase.of("check.value.plain", java.util.List.of(Phrase.of("option.CASH"), Phrase.of("option.OTHER")))
					.english())
			.isEqualTo("Cash, Other");
	}

	@Test
	void readsAMissingArgumentAsADashRatherThanFailing() {
		assertThat(Phrase.of("error.task.caseClosed", Phrase.of("task.decide"), null).english())
			.isEqualTo("\"Decide\" is no longer open: its case was closed (—).");
	}

	@Test
	void takesAMessageWithoutArgumentsAsItStands() {
		assertThat(Phrase.of("problem.notAField").english()).isEqualTo("is not a field of this task's form");
	}

	/**
	 * A phrase key written in the code but missing from a bundle would show the reader a
	 * bare key.
	 */
	@Test
	void everyPhraseKeyInTheCodeIsInBothLanguages() throws IOException {
		Pattern literal = Pattern
			.compile("(?:Phrase\\.of|InvalidInput\\.of\\([^,]+,|FieldProblem\\.of\\([^,]+,)\\s*\"([a-zA-Z.]+)\"");
		Set<String> keys = new TreeSet<>();
		try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
			for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
				Matcher matcher = literal.matcher(Files.readString(source));
				while (matcher.find()) {
					if (!matcher.group(1).endsWith(".")) {
						keys.add(matcher.group(1));
					}
				}
			}
		}
		assertThat(keys).hasSizeGreaterThan(40);
		for (String bundle : new String[] { "messages_en.properties", "messages_ja.properties" }) {
			Properties properties = new Properties();
			try (InputStream in = getClass().getResourceAsStream("/" + bundle)) {
				properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
			}
			assertThat(properties.stringPropertyNames()).as(bundle).containsAll(keys);
		}
	}

}
