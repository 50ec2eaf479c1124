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

	/**
	 * @param rows the tasks the page showed (rows of the task list's table, items of the
	 * task API's answer); -1 for a page that is not a list
	 */
	record Figure(String name, String user, String path, int status, int samples, double p50, double p95, double p99,
			double max, double mean, int statements, int rows) {

		boolean isList() {
			return rows >= 0;
		}

	}

	/**
	 * A line against issue 15's target for it at the largest size: a list page or the
	 * task API under 50 ms at p95 and at most 1.5 times its p95 at the smallest size; a
	 * case page under 50 ms; the dashboard under 200 ms. A list line's figure at the
	 * smallest size can be of a shorter page than at the largest (a page a hundred deep
	 * does not exist among 1,000 cases: the last one is read instead), which is not the
	 * same work; {@code baselineCases} is then the smallest size at which the page showed
	 * as many rows as at the largest, and the ratio is taken against it (null, and the
	 * growth not measured, if no smaller size did). {@code ratioToSmallest} is the ratio
	 * against the smallest size whatever its rows.
	 */
	record Verdict(String name, double p95, double limitMillis, Double ratioToSmallest, Integer baselineCases,
			Double ratio, List<Integer> rows, boolean met) {
	}

	record Plan(String sql, String plan, Double executionMillis, List<String> seqScans) {
	}

	record Explained(String line, String path, int statements, List<Plan> plans, List<String> notExplained) {
	}

	record Size(int openCases, long seedMillis, double loadBefore, double loadAfter, List<Figure> figures) {
	}

	/** Issue 15's targets: p95 of a list page, a case page and the dashboard; growth. */
	static final double LIST_P95_MILLIS = 50;

	static final double CASE_PAGE_P95_MILLIS = 50;

	static final double DASHBOARD_P95_MILLIS = 200;

	static final double LIST_GROWTH = 1.5;

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private static final Pattern NEXT = Pattern.compile("<a href=\"([^\"]+)\"[^>]*rel=\"next\"");

	/**
	 * A sequential scan and the rows it gave (over all its loops): one that a LIMIT stops
	 * after a hundred rows reads a hundred rows, not the table, and the report says so.
	 */
	private static final Pattern SEQ_SCAN = Pattern
		.compile("Seq Scan on (\\w+)[^\\n]*?\\(actual time=[0-9.]+\\.\\.[0-9.]+ rows=(\\d+) loops=(\\d+)\\)");

	private static final Pattern EXECUTION = Pattern.compile("Execution Time: ([0-9.]+) ms");

	private static final Pattern TABLE_ROW = Pattern.compile("<tr[\\s>]");

	private static final ObjectMapper JSON = new ObjectMapper();

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
		int rows;
		try (StatementCapture capture = StatementCapture.begin()) {
			HttpResponse<String> response = session.get(line.path());
			status = response.statusCode();
			statements = capture.drain().size();
			rows = rows(line.path(), response.body());
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
				rank(millis, 95), rank(millis, 99), millis[millis.length - 1], round(mean), statements, rows);
		System.out.printf("BENCH %-34s %4d  p50 %7.1f  p95 %7.1f  p99 %7.1f ms  (%d statements%s)%n", line.name(),
				status, figure.p50(), figure.p95(), figure.p99(), statements,
				figure.isList() ? ", " + rows + " rows" : "");
		return figure;
	}

	/**
	 * The tasks a list page showed: the rows of the task list's table (its first
	 * {@code tbody}), the items of the task API's JSON array; -1 for any other page.
	 */
	static int rows(String path, String body) {
		if (path.startsWith("/api/v1/tasks")) {
			try {
				return JSON.readTree(body).size();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		if (!path.startsWith("/tasks")) {
			return -1;
		}
		int start = body.indexOf("<tbody>");
		if (start < 0) {
			return 0;
		}
		int end = body.indexOf("</tbody>", start);
		Matcher row = TABLE_ROW.matcher(body.substring(start, end < 0 ? body.length() : end));
		int rows = 0;
		while (row.find()) {
			rows++;
		}
		return rows;
	}

	/** Each line at the largest size against its target (see {@link Verdict}). */
	List<Verdict> verdicts() {
		Size smallest = sizes.get(0);
		Size largest = sizes.get(sizes.size() - 1);
		List<Verdict> verdicts = new ArrayList<>();
		for (int i = 0; i < largest.figures().size(); i++) {
			int line = i;
			Figure at = largest.figures().get(i);
			if (!at.isList()) {
				double limit = at.path().startsWith("/dashboard") ? DASHBOARD_P95_MILLIS : CASE_PAGE_P95_MILLIS;
				verdicts.add(new Verdict(at.name(), at.p95(), limit, null, null, null, List.of(), at.p95() < limit));
				continue;
			}
			List<Integer> rows = sizes.stream().map(size -> size.figures().get(line).rows()).toList();
			// the smallest size at which the page showed as many rows; none below the
			// largest leaves the growth unmeasured, and the line judged on its p95 alone
			Size baseline = sizes.stream()
				.filter(size -> size == largest || size.figures().get(line).rows() == at.rows())
				.findFirst()
				.orElseThrow();
			Double ratio = baseline == largest ? null : ratio(at.p95(), baseline.figures().get(i).p95());
			verdicts.add(new Verdict(at.name(), at.p95(), LIST_P95_MILLIS,
					smallest == largest ? null : ratio(at.p95(), smallest.figures().get(i).p95()),
					baseline == largest ? null : baseline.openCases(), ratio, rows,
					at.p95() < LIST_P95_MILLIS && (ratio == null || ratio <= LIST_GROWTH)));
		}
		return verdicts;
	}

	private static double ratio(double p95, double baseline) {
		return Math.round(p95 / baseline * 100) / 100.0;
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
		results.put("targetsAtLargestSize", verdicts());
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
		table
			.append(String.format("BENCH targets at %,d open cases (issue 15): a list under %.0f ms at p95 and at most "
					+ "%.1fx its p95 at %,d (or at the first size showing as many rows); a case page under %.0f ms; the "
					+ "dashboard under %.0f ms%n", sizes.get(sizes.size() - 1).openCases(), LIST_P95_MILLIS,
					LIST_GROWTH, sizes.get(0).openCases(), CASE_PAGE_P95_MILLIS, DASHBOARD_P95_MILLIS));
		for (Verdict v : verdicts()) {
			table
				.append(Targets.line(v.name(),
						String.format("p95 %6.1f ms (under %.0f)%s", v.p95(), v.limitMillis(), growth(v)), v.met()))
				.append('\n');
		}
		System.out.println(table);
	}

	private String growth(Verdict v) {
		int smallest = sizes.get(0).openCases();
		if (v.rows().isEmpty()) {
			return "";
		}
		if (v.ratio() == null) {
			return String.format("  rows %s: no smaller size showed as many, growth not measured", v.rows());
		}
		String against = v.baselineCases() == smallest ? ""
				: String.format(" (%.2fx of %,d)", v.ratioToSmallest(), smallest);
		return String.format("  %.2fx of %,d%s  rows %s", v.ratio(), v.baselineCases(), against, v.rows());
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
