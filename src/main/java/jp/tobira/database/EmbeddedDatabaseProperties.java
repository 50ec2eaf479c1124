package jp.tobira.database;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded PostgreSQL used when no server is configured.
 *
 * @param dataDirectory where the cluster lives; blank for a throw-away cluster (tests)
 * @param startupWait how long to wait for the postmaster
 */
@ConfigurationProperties("tobira.database.embedded")
record EmbeddedDatabaseProperties(Path dataDirectory, @DefaultValue("60s") Duration startupWait) {

	boolean throwAway() {
		return dataDirectory == null || dataDirectory.toString().isBlank();
	}
}
