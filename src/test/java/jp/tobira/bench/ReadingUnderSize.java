package jp.tobira.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * "Reading under size" (issue 15): every queue, filter and sort of the task list, a deep
 * page, the task API, a case page and the dashboard, requested over HTTP by signed-in
 * users (log-in form, session cookie) one after another, at each size of the database;
 * p50, p95 and p99 of each line; at the largest size the {@code EXPLAIN (ANALYZE,
 * BUFFERS)} of every SELECT each list request runs through {@code JdbcTemplate}. Writes
 * {@code results.json} and one plan file per line under the output folder, and prints a
 * table.
 */
final class ReadingUnderSize {

	/** What one size is measured with. */
	record Settings(List<Integer> sizes, int warmUp, int requests, Path output) {
	}

	/** One line of the table: a request, as whom. */
	record Line(String name, String user, String path) {
	}

	record Figure(String name, String user, String path, int status, int samples, double p50, double p95, double p99,
			double max, double mean, int statements) {
	}

	record Plan(String sql, String plan, Double executionMillis, List<String> seqScans) {
	}

	record Explained(String line, String path, int statements, List<Plan> plans, List<String> notExplained) {
	}

	record Size(int openCases, long seedMillis, double loadBefore, double loadAfter, List<Figure> figures) {
	}

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private static final Pattern NEXT = Pattern.compile("<a href=\"([^\"]+)\"[^>]*rel=\"next\"");

	/**
	 * A sequential scan and the rows it gave (over all its loops): one that a LIMIT stops
	 * after a hundred rows reads a hundred rows, not the table, and the report says so.
	 */
	private static final Pattern SEQ_SCAN = Pattern
		.compile("Seq Scan on (\\w+)[^\\n]*?\\(actual time=[0-9.]+\\.\\.[0-9.]+ rows=(\\d+) loops=(\\d+)\\)");

	private static final Pattern EXECUTION = Pattern.compile("Execution Time: ([0-9.]+) ms");

	private final String root;

	private final JdbcTemplate jdbc;

	private final BenchCases cases;

	private final Settings settings;

	/** A case made by the engine through the services, if the run has one. */
	private final UUID engineCase;

	private final Map<String, Session> sessions = new LinkedHashMap<>();

	private final List<Size> sizes = new ArrayList<>();

	private final List<Explained> explained = new ArrayList<>();

	ReadingUnderSize(String root, JdbcTemplate jdbc, BenchCases cases, Settings settings, UUID engineCase) {
		this.root = root;
		this.jdbc = jdbc;
		this.cases = cases;
		this.settings = settings;
		this.engineCase = engineCase;
	}

	/** Runs every size, writes the results and prints the table; answers the sizes. */
	List<Size> run() throws IOException {
		Files.createDirectories(settings.output());
		int seeded = 0;
		for (int i = 0; i < settings.sizes().size(); i++) {
			int size = settings.sizes().get(i);
			long start = System.nanoTime();
			cases.grow(seeded, size);
			seeded = size;
			long seedMillis = (System.nanoTime() - start) / 1_000_000;
			System.out.printf("BENCH %,d open clones written in %,d ms%n", size, seedMillis);
			double loadBefore = load();
			List<Figure> figures = new ArrayList<>();
			for (Line line : lines()) {
				figures.add(measure(line));
			}
			sizes.add(new Size(size, seedMillis, loadBefore, load(), figures));
			if (i == settings.sizes().size() - 1) {
				explainAll();
			}
			// after each size, so that a run cut short keeps what it measured
			write();
		}
		print();
		return sizes;
	}

	List<Explained> explained() {
		return explained;
	}

	/** The requests measured, as the backing reviewer unless said. */
	private List<Line> lines() {
		UUID clone = jdbc.queryForObject("SELECT id FROM app.application WHERE reference = ?", UUID.class,
				BenchCases.reference(2));
		List<Line> lines = new ArrayList<>(List.of(new Line("task list, default queue", "backing", "/tasks"),
				new Line("queue: my tasks", "backing", "/tasks?queue=MINE"),
				new Line("queue: my groups' unassigned", "backing", "/tasks?queue=GROUPS"),
				new Line("queue: all open cases", "backing", "/tasks?queue=ALL"),
				new Line("filter: flagged and overdue", "backing", "/tasks?queue=GROUPS&flagged=true&overdue=true"),
				new Line("filter: jurisdiction", "backing", "/tasks?queue=GROUPS&jurisdiction=SG"),
				new Line("filter: task kind", "backing", "/tasks?queue=ALL&task=reviewBacking"),
				new Line("filter: escalated", "backing", "/tasks?queue=ALL&escalated=true"),
				new Line("filter: follow-up due", "backing", "/tasks?queue=MINE&followUpDue=true"),
				new Line("sort: token", "backing", "/tasks?queue=GROUPS&sort=TOKEN"),
				new Line("sort: reference, descending", "backing", "/tasks?queue=ALL&sort=REFERENCE&desc=true"),
				new Line("sort: issuer", "backing", "/tasks?queue=ALL&sort=ISSUER"),
				new Line("sort: jurisdiction", "backing", "/tasks?queue=ALL&sort=JURISDICTION"),
				new Line("sort: task", "backing", "/tasks?queue=ALL&sort=TASK"),
				new Line("sort: submitted", "backing", "/tasks?queue=ALL&sort=SUBMITTED"),
				new Line("deep page 100, by token", "backing",
						followNext("backing", "/tasks?queue=GROUPS&sort=TOKEN", 99)),
				new Line("last page of all open cases", "backing", "/tasks?queue=ALL&last=true"),
				new Line("task API, first page", "backing", "/api/v1/tasks"),
				new Line("task API, page 21 of 50", "backing", "/api/v1/tasks?page=20&size=50"),
				new Line("task API, page 21 of 50, by the next links", "backing",
						followNext("backing", "/api/v1/tasks?size=50", 20)),
				new Line("task list, decision-maker", "decision", "/tasks?queue=GROUPS"),
				new Line("case page (clone)", "backing", "/cases/" + clone)));
		if (engineCase != null) {
			lines.add(new Line("case page (engine-made case)", "backing", "/cases/" + engineCase));
		}
		lines.add(new Line("dashboard", "admin", "/dashboard"));
		lines.add(new Line("dashboard, reviewer", "backing", "/dashboard"));
		return lines;
	}

	/**
	 * The page a reader reaches from {@code path} by following the "next" link (a cursor:
	 * the page's rel="next" link, the API's Link header) {@code times} times, or the last
	 * one there is: deep pages are read from a row's place, not by offset, and this is
	 * the address such a page has.
	 */
	private String followNext(String user, String path, int times) {
		String at = path;
		for (int i = 0; i < times; i++) {
			HttpResponse<String> response = session(user).get(at);
			String next;
			if (at.startsWith("/api/")) {
				String link = response.headers().firstValue("Link").orElse("");
				next = link.isEmpty() ? null : link.substring(link.indexOf('<') + 1, link.indexOf('>'));
			}
			else {
				Matcher link = NEXT.matcher(response.body());
				next = link.find() ? link.group(1).replace("&amp;", "&") : null;
			}
			if (next == null) {
				break;
			}
			at = next;
		}
		return at;
	}

	private Figure measure(Line line) {
		Session session = session(line.user());
		int status = 0;
		for (int i = 0; i < settings.warmUp(); i++) {
			status = session.get(line.path()).statusCode();
		}
		int statements;
		try (StatementCapture capture = StatementCapture.begin()) {
			status = session.get(line.path()).statusCode();
			statements = capture.drain().size();
		}
		double[] millis = new double[settings.requests()];
		for (int i = 0; i < millis.length; i++) {
			long start = System.nanoTime();
			HttpResponse<String> response = session.get(line.path());
			millis[i] = (System.nanoTime() - start) / 1_000_000.0;
			if (response.statusCode() != 200) {
				status = response.statusCode();
			}
		}
		java.util.Arrays.sort(millis);
		double mean = java.util.Arrays.stream(millis).average().orElse(0);
		Figure figure = new Figure(line.name(), line.user(), line.path(), status, millis.length, rank(millis, 50),
				rank(millis, 95), rank(millis, 99), millis[millis.length - 1], round(mean), statements);
		System.out.printf("BENCH %-34s %4d  p50 %7.1f  p95 %7.1f  p99 %7.1f ms  (%d statements)%n", line.name(), status,
				figure.p50(), figure.p95(), figure.p99(), statements);
		return figure;
	}

	/**
	 * Each list request once more with its statements captured, and every SELECT among
	 * them explained with its parameters written in (the application's session and log-in
	 * statements left out).
	 */
	private void explainAll() throws IOException {
		Path plans = settings.output().resolve("explain");
		Files.createDirectories(plans);
		int n = 0;
		for (Line line : lines()) {
			if (line.path().startsWith("/cases/")) {
				continue;
			}
			List<StatementCapture.Statement> statements;
			try (StatementCapture capture = StatementCapture.begin()) {
				session(line.user()).get(line.path());
				statements = capture.drain();
			}
			Set<String> seen = new LinkedHashSet<>();
			List<Plan> linePlans = new ArrayList<>();
			List<String> notExplained = new ArrayList<>();
			StringBuilder text = new StringBuilder("-- " + line.name() + ": GET " + line.path() + " as " + line.user()
					+ "\n-- " + statements.size() + " statements through JdbcTemplate\n\n");
			for (StatementCapture.Statement statement : statements) {
				if (!statement.select() || statement.sql().contains("spring_session")) {
					continue;
				}
				var inlined = statement.inlined();
				if (inlined.isEmpty()) {
					notExplained.add(oneLine(statement.sql()));
					continue;
				}
				if (!seen.add(inlined.get())) {
					continue;
				}
				String plan = String.join("\n",
						jdbc.queryForList("EXPLAIN (ANALYZE, BUFFERS) " + inlined.get(), String.class));
				Matcher execution = EXECUTION.matcher(plan);
				List<String> seqScans = new ArrayList<>();
				Matcher scan = SEQ_SCAN.matcher(plan);
				while (scan.find()) {
					long rows = Long.parseLong(scan.group(2)) * Long.parseLong(scan.group(3));
					seqScans.add(scan.group(1) + " (" + rows + " rows)");
				}
				linePlans.add(new Plan(oneLine(inlined.get()), plan,
						execution.find() ? Double.valueOf(execution.group(1)) : null, seqScans));
				text.append(inlined.get().strip()).append(";\n\n").append(plan).append("\n\n");
			}
			explained.add(new Explained(line.name(), line.path(), statements.size(), linePlans, notExplained));
			Files.writeString(plans.resolve(String.format("%02d-%s.txt", ++n, slug(line.name()))), text);
		}
	}

	private void write() throws IOException {
		Map<String, Object> results = new LinkedHashMap<>();
		results.put("benchmark", "reading under size (issue 15)");
		results.put("finishedAt", Instant.now().toString());
		Map<String, Object> machine = new LinkedHashMap<>();
		machine.put("processors", Runtime.getRuntime().availableProcessors());
		machine.put("maxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
		machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
		machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
		machine.put("postgres", jdbc.queryForObject("SHOW server_version", String.class));
		results.put("machine", machine);
		results.put("method", Map.of("warmUpRequests", settings.warmUp(), "measuredRequests", settings.requests(),
				"percentiles", "nearest rank over the measured requests, sequential, one client", "seeding",
				"engine-made demo cases (if any) plus clones written in batched INSERT ... SELECT generate_series"));
		results.put("sizes", sizes);
		results.put("explainAtLargestSize", explained);
		new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
			.findAndRegisterModules()
			.writeValue(settings.output().resolve("results.json").toFile(), results);
	}

	private void print() {
		StringBuilder table = new StringBuilder("\nBENCH reading under size: p50 / p95 / p99 ms over ")
			.append(settings.requests())
			.append(" sequential requests\n");
		table.append(String.format("| %-34s |", "request"));
		sizes.forEach(size -> table.append(String.format(" %,d open cases %9s|", size.openCases(), "")));
		table.append('\n');
		List<Figure> first = sizes.get(0).figures();
		for (int i = 0; i < first.size(); i++) {
			table.append(String.format("| %-34s |", first.get(i).name()));
			for (Size size : sizes) {
				Figure f = size.figures().get(i);
				table.append(String.format(" %6.1f / %6.1f / %6.1f %s|", f.p50(), f.p95(), f.p99(),
						f.status() == 200 ? "" : "(" + f.status() + ")"));
			}
			table.append('\n');
		}
		// the tables the targets name: no sequential scan of them at the largest
		// size; and the list's own table of open tasks, which stands in for the first two
		Set<String> watched = Set.of("act_ru_task", "act_ru_identitylink", "application", "open_task");
		for (Explained e : explained) {
			Set<String> scanned = new java.util.TreeSet<>();
			e.plans()
				.forEach(plan -> plan.seqScans()
					.stream()
					.filter(scan -> watched.contains(scan.substring(0, scan.indexOf(' '))))
					.forEach(scanned::add));
			double slowest = e.plans()
				.stream()
				.mapToDouble(p -> p.executionMillis() == null ? 0 : p.executionMillis())
				.max()
				.orElse(0);
			table
				.append(String.format("BENCH plans of \"%s\": %d SELECTs explained, slowest %.1f ms, seq scans of %s%n",
						e.line(), e.plans().size(), slowest, scanned.isEmpty() ? "none" : scanned));
		}
		System.out.println(table);
	}

	private Session session(String user) {
		return sessions.computeIfAbsent(user, this::logIn);
	}

	private Session logIn(String user) {
		Session session = new Session();
		Matcher csrf = CSRF.matcher(session.get("/login").body());
		if (!csrf.find()) {
			throw new IllegalStateException("no CSRF token on the log-in page");
		}
		String body = "username=" + user + "&password=demo&_csrf="
				+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
		HttpResponse<String> login = session.send(HttpRequest.newBuilder(URI.create(root + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
		if (login.statusCode() != 302 || !login.headers().firstValue("Location").orElse("").equals(root + "/")) {
			throw new IllegalStateException("log-in of " + user + " failed: " + login.statusCode() + " "
					+ login.headers().firstValue("Location").orElse(""));
		}
		return session;
	}

	/** A signed-in browser's cookies, without a browser. */
	private final class Session {

		private final HttpClient client = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();

		HttpResponse<String> get(String path) {
			return send(HttpRequest.newBuilder(URI.create(root + path))
				.header("Accept", path.startsWith("/api/") ? "application/json" : "text/html")
				.GET()
				.build());
		}

		HttpResponse<String> send(HttpRequest request) {
			try {
				return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

	private static double rank(double[] sorted, int percentile) {
		int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
		return round(sorted[Math.max(0, Math.min(sorted.length - 1, index))]);
	}

	private static double round(double millis) {
		return Math.round(millis * 10) / 10.0;
	}

	private static double load() {
		return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
	}

	private static String oneLine(String sql) {
		return sql.replaceAll("\\s+", " ").strip();
	}

	private static String slug(String name) {
		return name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
	}

}
