package jp.tobira;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

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
