package jp.tobira;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

import jp.tobira.application.ApplicationStatus;
import jp.tobira.application.DocumentType;
import jp.tobira.application.Stage;
import jp.tobira.audit.AuditKind;
import jp.tobira.checks.Flag;
import jp.tobira.decision.Outcome;
import jp.tobira.decision.RegisterStatus;
import jp.tobira.worklist.TaskQueues;

/**
 * Every screen text exists in English and Japanese, and the fallback bundle is the
 * English one.
 */
class MessagesTests {

	@Test
	void hasEveryKeyInBothLanguages() throws IOException {
		Properties english = load("messages_en.properties");
		Properties japanese = load("messages_ja.properties");
		assertThat(japanese.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
		japanese.stringPropertyNames().forEach(key -> assertThat(japanese.getProperty(key)).as(key).isNotBlank());
	}

	/**
	 * The screens name a value of these types by a key made of a prefix and its name
	 * ({@code #{'audit.' + ${e.kind()}}}): a value without its key is shown as the key's
	 * placeholder, so each has its label in the English bundle (and so, by the test
	 * above, in the Japanese one).
	 */
	@Test
	void labelsEveryValueTheScreensNameByItsName() throws IOException {
		Properties english = load("messages_en.properties");
		Map<String, List<? extends Enum<?>>> shown = Map.of("audit.", List.of(AuditKind.values()), "stage.",
				List.of(Stage.values()), "status.", List.of(ApplicationStatus.values()), "document.",
				List.of(DocumentType.values()), "flag.", List.of(Flag.values()), "letter.outcome.",
				List.of(Outcome.values()), "register.status.", List.of(RegisterStatus.values()), "tasks.queue.",
				TaskQueues.Queue.TABS);
		List<String> missing = new ArrayList<>();
		shown.forEach((prefix, values) -> values.stream()
			.map(value -> prefix + value.name())
			.filter(key -> !english.containsKey(key))
			.forEach(missing::add));
		assertThat(missing).isEmpty();
	}

	@Test
	void fallsBackToEnglish() throws IOException {
		assertThat(load("messages.properties")).isEqualTo(load("messages_en.properties"));
	}

	private static Properties load(String name) throws IOException {
		Properties properties = new Properties();
		try (InputStreamReader reader = new InputStreamReader(new ClassPathResource(name).getInputStream(),
				StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		return properties;
	}

}
