package jp.tobira.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * With no database server configured, Tobira runs on real PostgreSQL binaries started
 * from the jar (zonky). Its data lives under
 * {@code tobira.database.embedded.data-directory} and survives restarts; in tests the
 * directory is left blank and each run gets a throw-away cluster.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDatasourceConfigured.class)
class EmbeddedDatabaseConfiguration {

	static final String DATABASE = "tobira";

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties) throws IOException {
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			// Spring closes the server as this bean's destroy method, after the pool and
			// the engine are gone;
			// zonky's own JVM hook would race that shutdown
			.setRegisterShutdownHook(false)
			.setPGStartupWait(properties.startupWait())
			// zonky's defaults are for throw-away test databases; an application's cases
			// must survive a crash
			.setServerConfig("fsync", "on")
			.setServerConfig("synchronous_commit", "on")
			.setServerConfig("full_page_writes", "on")
			.setServerConfig("max_connections", "100");
		if (!properties.throwAway()) {
			Path dataDirectory = properties.dataDirectory().toAbsolutePath();
			Files.createDirectories(dataDirectory);
			OrphanPostmaster.stopIfAny(dataDirectory, properties.startupWait());
			builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
		}
		return builder.start();
	}

	@Bean
	DataSource dataSource(EmbeddedPostgres postgres) throws SQLException {
		createDatabaseIfMissing(postgres);
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", DATABASE));
		dataSource.setPoolName("tobira");
		dataSource.setMaximumPoolSize(20);
		return dataSource;
	}

	private static void createDatabaseIfMissing(EmbeddedPostgres postgres) throws SQLException {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			try (ResultSet rs = statement
				.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
				if (rs.next()) {
					return;
				}
			}
			statement.execute("CREATE DATABASE " + DATABASE);
		}
	}

}
