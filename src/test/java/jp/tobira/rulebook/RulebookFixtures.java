package jp.tobira.rulebook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Version 1 as the application's own configuration seeds it, for tests that run the
 * checks without a database.
 */
public final class RulebookFixtures {

	private RulebookFixtures() {
	}

	/** The seed bound from application.yml exactly as the application binds it. */
	public static RulebookSeed seed() {
		StandardEnvironment environment = new StandardEnvironment();
		try {
			new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
				.forEach(source -> environment.getPropertySources().addLast(source));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new Binder(ConfigurationPropertySources.get(environment)).bindOrCreate("tobira.rulebook.seed",
				RulebookSeed.class);
	}

	public static RulebookVersion version1() {
		return seed().version1(Instant.parse("2026-01-01T00:00:00Z"));
	}

}
