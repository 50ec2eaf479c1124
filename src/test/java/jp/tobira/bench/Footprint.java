package jp.tobira.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.util.FileSystemUtils;

import jp.tobira.Fixtures;
import jp.tobira.cluster.PackagedApplication;

/**
 * "Footprint" (issue 15): the packaged application, extracted ({@code target/tobira/}),
 * started as an operator starts it in production,
 * {@code java @jvm.options -jar target/tobira/tobira.jar} (README, "Pointing it at a
 * PostgreSQL server": the JVM options of the repository's {@code jvm.options}, read by
 * the java launcher as an argument file), no database configured (so its own embedded
 * PostgreSQL, in a temporary data directory), demo mode on: the time from the process's
 * start to health UP on the first run (an empty database: migrations, the engine's
 * tables, the demo cases) and on a restart over the same data, and the JVM's resident
 * memory ({@code VmRSS} of {@code /proc/<pid>/status}, the JVM's own process, not
 * PostgreSQL's) once up and after some reading. Then, if asked, the database grown to
 * {@code cases} open cases by {@link BenchCases} (batched SQL straight into the child's
 * PostgreSQL, found by its {@code postmaster.pid}), the task list read, the resident
 * memory taken again, and one more restart timed on that database.
 */
final class Footprint {

	/**
	 * @param productionOptions launch with {@code jvm.options}, as in production; without
	 * them ({@code java -jar}, the JVM's defaults) for a figure to compare with
	 */
	record Settings(int cases, int requests, Path output, boolean productionOptions) {
	}

	/** One start of the jar. */
	record Start(String name, int openCases, double secondsToHealthUp, double cpuSeconds, long rssAfterStartKiB,
			long rssAfterReadingKiB, double loadBefore) {
	}

	/**
	 * The production JVM options, as the README's command and the Dockerfile read them.
	 */
	static final Path JVM_OPTIONS = Path.of("jvm.options");

	/**
	 * Issue 15: to health UP on a first run with demo data, and on an existing database.
	 */
	static final double FIRST_RUN_SECONDS = 15;

	/** The first start's name, which its target is told by. */
	private static final String FIRST_RUN = "first run, demo data";

	static final double RESTART_SECONDS = 8;

	/** Issue 15: resident memory at 100,000 open cases under 512 MB, in KiB (488 MiB). */
	static final long RESIDENT_MEMORY_KIB = 512_000_000L / 1024;

	private static final Pattern VM_RSS = Pattern.compile("^VmRSS:\\s+(\\d+) kB", Pattern.MULTILINE);

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final Settings settings;

	private final List<Start> starts = new ArrayList<>();

	Footprint(Settings settings) {
		this.settings = settings;
	}

	List<Start> run() throws Exception {
		Files.createDirectories(settings.output());
		Path work = Files.createTempDirectory("tobira-footprint");
		Path data = work.resolve("postgres");
		PackagedApplication application = PackagedApplication.withItsOwnDatabase(
				settings.productionOptions() ? List.of(jvmOptionsArgument()) : List.of(),
				settings.output().resolve("footprint").resolve("application.log"),
				"--tobira.database.embedded.data-directory=" + data);
		try {
			starts.add(start(application, FIRST_RUN, 0));
			application.stop();
			starts.add(start(application, "restart, existing database", 0));
			if (settings.cases() > 0) {
				long seeded = seed(data, settings.cases());
				System.out.printf("BENCH %,d open cases written into the jar's database in %,d ms%n", settings.cases(),
						seeded);
				read(application);
				starts.add(new Start("after seeding, task list read", settings.cases(), 0, 0, 0,
						rss(application.process().pid()), load()));
				application.stop();
				starts.add(start(application, "restart at " + settings.cases() + " open cases", settings.cases()));
			}
		}
		finally {
			application.stop();
			FileSystemUtils.deleteRecursively(work);
		}
		write();
		print();
		return starts;
	}

	/**
	 * The java launcher's argument file, as an absolute path: the child runs elsewhere.
	 */
	static String jvmOptionsArgument() {
		if (!Files.isRegularFile(JVM_OPTIONS)) {
			throw new IllegalStateException(JVM_OPTIONS.toAbsolutePath() + " is missing");
		}
		return "@" + JVM_OPTIONS.toAbsolutePath();
	}

	/** The options of {@link #JVM_OPTIONS}, comments left out, for the results. */
	static List<String> jvmOptions() {
		try {
			return Files.readAllLines(JVM_OPTIONS)
				.stream()
				.map(line -> line.replaceFirst("#.*", "").strip())
				.filter(line -> !line.isEmpty())
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Start start(PackagedApplication application, String name, int cases) {
		double loadBefore = load();
		// a first start on a loaded shared machine has taken over three minutes
		Duration up = application.start(Duration.ofMinutes(10));
		long pid = application.process().pid();
		long afterStart = rss(pid);
		read(application);
		Start start = new Start(name, cases, up.toMillis() / 1000.0, application.cpu().toMillis() / 1000.0, afterStart,
				rss(pid), loadBefore);
		System.out.printf("BENCH %s: health UP in %.1f s (%.1f s CPU), RSS %,d KiB, after reading %,d KiB%n", name,
				start.secondsToHealthUp(), start.cpuSeconds(), start.rssAfterStartKiB(), start.rssAfterReadingKiB());
		return start;
	}

	/** A reviewer's and the admin's everyday reading, over the API with basic auth. */
	private void read(PackagedApplication application) {
		for (int i = 0; i < settings.requests(); i++) {
			get(application, "backing", "/api/v1/tasks");
			get(application, "backing", "/api/v1/tasks?page=20&size=50");
			get(application, "admin", "/api/v1/audit/verify");
		}
	}

	private static void get(PackagedApplication application, String user, String path) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(application.baseUri() + path))
			.header("Accept", "application/json")
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
			.timeout(Duration.ofMinutes(2))
			.build();
		try {
			HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(path + " as " + user + " answered " + response.statusCode());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Clones written into the running child's database; answers the milliseconds. */
	private static long seed(Path data, int cases) throws IOException {
		String url = "jdbc:postgresql://localhost:" + postmasterPort(data) + "/tobira";
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource(url, "postgres", "", true);
		try {
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			UUID organisation = jdbc.queryForObject("SELECT id FROM app.organisation WHERE name = ?", UUID.class,
					"Example Trust Company, LLC");
			long start = System.nanoTime();
			new BenchCases(jdbc, organisation, Fixtures.exampleJson()).grow(0, cases);
			return (System.nanoTime() - start) / 1_000_000;
		}
		finally {
			dataSource.destroy();
		}
	}

	/** The port PostgreSQL listens on: the fourth line of its {@code postmaster.pid}. */
	static int postmasterPort(Path data) throws IOException {
		List<String> lines = Files.readAllLines(data.resolve("postmaster.pid"));
		return Integer.parseInt(lines.get(3).strip());
	}

	/** The resident memory of a process, in KiB, from {@code /proc/<pid>/status}. */
	static long rss(long pid) {
		try {
			Matcher matcher = VM_RSS.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
			if (!matcher.find()) {
				throw new IllegalStateException("no VmRSS for process " + pid);
			}
			return Long.parseLong(matcher.group(1));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void write() throws IOException {
		Map<String, Object> results = new LinkedHashMap<>();
		results.put("benchmark", "footprint");
		results.put("measuredAt", Instant.now().toString());
		results.put("processors", Runtime.getRuntime().availableProcessors());
		results.put("launch", launch());
		results.put("jvmOptions", settings.productionOptions() ? jvmOptions() : List.of());
		results.put("starts", starts);
		new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
			.writeValue(settings.output().resolve("footprint.json").toFile(), results);
	}

	private String launch() {
		return settings.productionOptions()
				? "in production: java @jvm.options -jar " + PackagedApplication.JAR + " (jvm.options: "
						+ String.join(" ", jvmOptions()) + ")"
				: "java -jar " + PackagedApplication.JAR + ", the JVM's defaults (not the production launch)";
	}

	private void print() {
		System.out.println();
		System.out.println("BENCH launched as " + launch());
		System.out.println("BENCH | start | open cases | to health UP s | CPU s | RSS after start MiB | "
				+ "RSS after reading MiB | load before");
		for (Start start : starts) {
			System.out.printf("BENCH | %s | %,d | %.1f | %.1f | %d | %d | %.1f%n", start.name(), start.openCases(),
					start.secondsToHealthUp(), start.cpuSeconds(), start.rssAfterStartKiB() / 1024,
					start.rssAfterReadingKiB() / 1024, start.loadBefore());
		}
		for (Start start : starts) {
			if (start.secondsToHealthUp() > 0) {
				double limit = start.name().equals(FIRST_RUN) ? FIRST_RUN_SECONDS : RESTART_SECONDS;
				System.out.println(Targets.line("start-up: " + start.name(),
						String.format("%.1f s to health UP (under %.0f)", start.secondsToHealthUp(), limit),
						start.secondsToHealthUp() < limit));
			}
		}
		if (settings.cases() > 0) {
			long most = starts.stream()
				.filter(start -> start.openCases() > 0)
				.mapToLong(start -> Math.max(start.rssAfterStartKiB(), start.rssAfterReadingKiB()))
				.max()
				.orElseThrow();
			System.out.println(Targets.line("resident memory at " + settings.cases() + " open cases",
					String.format("at most %d MiB (under 512 MB, %d MiB)", most / 1024, RESIDENT_MEMORY_KIB / 1024),
					most < RESIDENT_MEMORY_KIB));
		}
	}

	private static double load() {
		return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
	}

}
