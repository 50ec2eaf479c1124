package jp.tobira.startup;

import java.util.List;

/**
 * The application cannot start without these settings; {@link MissingSettingsAnalyzer}
 * turns it into the start-up report, one line per setting.
 */
public class MissingSettings extends RuntimeException {

	/** How the first admin's password is named in a report. */
	public static final String FIRST_ADMIN_PASSWORD = "tobira.admin-password (TOBIRA_ADMIN_PASSWORD): "
			+ "the first admin's password, at least 12 characters, required while no admin account can log in";

	private final List<String> settings;

	/**
	 * @param settings each missing setting as its property, its environment variable and
	 * what it is for
	 */
	public MissingSettings(List<String> settings) {
		super("Missing settings: " + String.join("; ", settings));
		this.settings = List.copyOf(settings);
	}

	public List<String> settings() {
		return settings;
	}

}
