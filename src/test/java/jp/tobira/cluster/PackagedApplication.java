package jp.tobira.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application as production runs it, extracted
 * ({@code target/tobira/tobira.jar} and its {@code lib/}, made by {@code package} before
 * Failsafe runs) as a child process, on a PostgreSQL server the test started, given as an
 * operator gives it: {@code SPRING_DATASOURCE_URL}, {@code _USERNAME}, {@code _PASSWORD}.
 * The database lives in the test's JVM, so it outlives every kill of the application. The
 * child's output goes to a file under {@code target/}.
 */
public final class PackagedApplication {

	/** The extracted application's jar, whose manifest names its libraries in lib/. */
	public static final Path JAR = Path.of("target/tobira/tobira.jar");

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	/**
	 * The cluster suites' JVM options: the client compiler only, so a start costs about a
	 * third less CPU, which on a two-core CI machine is most of a restart's time; the
	 * code run is the same.
	 */
	private static final List<String> CLUSTER_JVM_OPTIONS = List.of("-Xmx512m", "-XX:TieredStopAtLevel=1");

	private final Map<String, String> environment;

	private final List<String> jvmOptions;

	private final List<String> arguments;

	private final Path log;

	private final int port;

	private Process process;

	/**
	 * @param jdbcUrl the database, as {@code SPRING_DATASOURCE_URL}
	 * @param username its user
	 * @param password their password (blank for a server that trusts local users)
	 * @param log where the child's output is appended
	 * @param arguments more command-line settings ({@code --name=value})
	 */
	public PackagedApplication(String jdbcUrl, String username, String password, Path log, String... arguments) {
		this(Map.of("SPRING_DATASOURCE_URL", jdbcUrl, "SPRING_DATASOURCE_USERNAME", username,
				"SPRING_DATASOURCE_PASSWORD", password), CLUSTER_JVM_OPTIONS, log, arguments);
	}

	/**
	 * The jar as an operator runs it on one machine: no database configured, so it starts
	 * its own embedded PostgreSQL (its data directory given in the arguments), with the
	 * JVM options given (none: the JVM's defaults).
	 */
	public static PackagedApplication withItsOwnDatabase(List<String> jvmOptions, Path log, String... arguments) {
		return new PackagedApplication(Map.of(), jvmOptions, log, arguments);
	}

	private PackagedApplication(Map<String, String> environment, List<String> jvmOptions, Path log,
			String... arguments) {
		if (!Files.isRegularFile(JAR)) {
			throw new IllegalStateException(JAR.toAbsolutePath()
					+ " is missing: run the integration tests through Maven (verify), which packages the jar first");
		}
		this.environment = environment;
		this.jvmOptions = List.copyOf(jvmOptions);
		this.arguments = List.of(arguments);
		this.log = log;
		this.port = freePort();
	}

	/**
	 * Starts the jar and waits until its health is UP.
	 * @return how long from the process's start to health UP
	 */
	public Duration start() {
		return start(Duration.ofSeconds(180));
	}

	/**
	 * Starts the jar and waits until its health is UP, or the time given has passed.
	 * @return how long from the process's start to health UP
	 */
	public Duration start(Duration timeout) {
		if (process != null && process.isAlive()) {
			throw new IllegalStateException("already running");
		}
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", JAR.toAbsolutePath().toString(), "--server.port=" + port));
		command.addAll(arguments);
		try {
			Files.createDirectories(log.getParent());
			// the working directory holds no config/ and no data/: every setting is
			// given here
			Path workingDirectory = Files.createDirectories(log.getParent().resolve("work"));
			ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
			builder.environment().putAll(environment);
			long started = System.nanoTime();
			process = builder.start();
			awaitHealthUp(timeout);
			return Duration.ofNanos(System.nanoTime() - started);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * SIGKILL: no shutdown hook, no graceful shutdown, no connection closed by the
	 * application. The JVM reports a process killed by a signal as 128 + the signal, so
	 * 137 proves it was SIGKILL (9).
	 */
	public void kill() throws InterruptedException {
		process.destroyForcibly();
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			throw new IllegalStateException("still alive 30 s after SIGKILL");
		}
		if (process.exitValue() != 137) {
			throw new IllegalStateException("expected exit 137 (SIGKILL), got " + process.exitValue());
		}
	}

	/** SIGTERM: the graceful shutdown an orchestrator asks for. */
	public void stop() throws InterruptedException {
		if (process == null || !process.isAlive()) {
			return;
		}
		process.destroy();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
	}

	/**
	 * The CPU time the running application has used so far: a start's cost apart from how
	 * busy the machine is.
	 */
	public Duration cpu() {
		return process.info().totalCpuDuration().orElse(Duration.ZERO);
	}

	/** The running application's process, for what the operating system says of it. */
	public ProcessHandle process() {
		return process.toHandle();
	}

	public String baseUri() {
		return "http://localhost:" + port;
	}

	public Path log() {
		return log;
	}

	private void awaitHealthUp(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		HttpRequest health = HttpRequest.newBuilder(URI.create(baseUri() + "/actuator/health"))
			.timeout(Duration.ofSeconds(5))
			.build();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException(
						"the application exited with " + process.exitValue() + " while starting; see " + log);
			}
			try {
				HttpResponse<String> response = HTTP.send(health, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		throw new IllegalStateException("health not UP within " + timeout + "; see " + log);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
