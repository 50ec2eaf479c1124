package jp.tobira.startup;

import java.util.ArrayList;
import java.util.List;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.StringUtils;

/**
 * The settings the {@code prod} profile cannot do without, checked before anything
 * starts, all at once: an operator sees every missing one in one report (
 * {@link MissingSettingsAnalyzer}) rather than one failure per start. Outside
 * {@code prod} nothing is required: the local run starts its own PostgreSQL and demo
 * users. Without a datasource URL {@code prod} would otherwise start that embedded
 * database, which is no place for a supervisor's records.
 *
 * <p>
 * The first admin's password is required only while the database has no admin who can log
 * in, which only the database can tell: {@code security/FirstAdmin} checks it once the
 * database is there. Here an absent one is named as a note beside the missing settings.
 */
class ProductionSettings implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	static final String PROFILE = "prod";

	/**
	 * The API tokens' hash key's shortest length (as {@code ApiTokenSettings} checks).
	 */
	static final int MIN_KEY_LENGTH = 32;

	private record Setting(String property, String variable, String what) {

		@Override
		public String toString() {
			return property + " (" + variable + "): " + what;
		}

	}

	private static final List<Setting> REQUIRED = List.of(
			new Setting("spring.datasource.url", "SPRING_DATASOURCE_URL",
					"the PostgreSQL database, e.g. jdbc:postgresql://db.example:5432/tobira"),
			new Setting("spring.datasource.username", "SPRING_DATASOURCE_USERNAME", "the database user"),
			new Setting("spring.datasource.password", "SPRING_DATASOURCE_PASSWORD", "the database user's password"),
			new Setting("tobira.api-tokens.hash-key", "TOBIRA_API_TOKENS_HASH_KEY",
					"the key API tokens are stored under, a random secret of at least " + MIN_KEY_LENGTH
							+ " characters"));

	/**
	 * An initializer rather than an environment post-processor: it runs once logging is
	 * set up, so the report is printed.
	 */
	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		if (!environment.matchesProfiles(PROFILE)) {
			return;
		}
		List<String> missing = new ArrayList<>();
		for (Setting setting : REQUIRED) {
			String value = environment.getProperty(setting.property());
			if (!StringUtils.hasText(value)) {
				missing.add(setting.toString());
			}
			else if (setting.property().equals("tobira.api-tokens.hash-key") && value.length() < MIN_KEY_LENGTH) {
				missing.add(setting + " (the one set is too short)");
			}
		}
		if (missing.isEmpty()) {
			return;
		}
		if (!StringUtils.hasText(environment.getProperty("tobira.admin-password"))) {
			missing.add(MissingSettings.FIRST_ADMIN_PASSWORD
					+ " (not set; whether the database has an admin is checked once the rest are)");
		}
		throw new MissingSettings(missing);
	}

}
