package jp.tobira.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.tobira.Fixtures;
import jp.tobira.TobiraIntegrationTest;
import jp.tobira.api.ApiClient;
import jp.tobira.cooperation.EquivalenceStatus;
import jp.tobira.cooperation.Jurisdictions;

/**
 * The evaluation is the record: the pre-screen stores what it measured, against which
 * thresholds and under which jurisdiction status, when it runs; after the jurisdiction
 * table changes, the API, the task screen, the case page, the audit trail and the
 * decision letter still show what was evaluated then, and the task screen shows today's
 * result beside it, labelled as such.
 */
@TobiraIntegrationTest
class PreScreenEvaluationIntegrationTests {

	/** A home jurisdiction no other test judges, so this test may change its status. */
	static final String HOME = "LU";

	/**
	 * As in IssuerApiIntegrationTests: on this day the canonical application's ages pass.
	 */
	static final Instant TODAY = Instant.parse("2026-11-25T01:00:00Z");

	@Autowired
	TestRestTemplate rest;

	@Autowired
	Jurisdictions jurisdictions;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void pinTheClockAndJudgeTheHomeJurisdiction() {
		ClockUtil.setCurrentTime(Date.from(TODAY));
		jurisdictions.set("admin", HOME, "Luxembourg", EquivalenceStatus.UNDER_ASSESSMENT, null, null,
				"pre-screen test");
	}

	@AfterEach
	void release() {
		ClockUtil.reset();
		jurisdictions.set("admin", HOME, "Luxembourg", EquivalenceStatus.UNDER_ASSESSMENT, null, null,
				"pre-screen test");
	}

	@Test
	void showsWhatThePreScreenEvaluatedAfterTheJurisdictionTableChanged() throws Exception {
		ApiClient issuer = new ApiClient(rest, "issuer");
		ApiClient intake = new ApiClient(rest, "intake");
		ApiClient.Case submitted = submit(issuer);
		String path = "/api/v1/applications/" + submitted.id();

		JsonNode beforeRun = issuer.get(path).json();
		assertThat(beforeRun.get("preScreen").isNull()).as("no pre-screen before the case is found complete").isTrue();
		assertThat(page("issuer", "/cases/" + submitted.id())).as("before the pre-screen, today's rules are a preview")
			.contains("The pre-screen has not run yet", "Preview under rulebook version 1, in force today")
			.doesNotContain("The pre-screen as stored");

		// each stage takes a few days, as a real case's do (and the dashboard's medians
		// are not skewed to zero)
		daysLater(2);
		expectOk(intake.complete(intake.taskId(submitted.reference(), "checkCompleteness"), "{\"complete\": true}"));

		JsonNode stored = issuer.get(path).json().get("preScreen");
		assertThat(stored.get("asOf").asText()).isEqualTo("2026-11-25");
		assertThat(stored.get("evaluatedAt").asText()).isNotBlank();
		assertThat(stored.at("/configuration/jurisdiction/code").asText()).isEqualTo(HOME);
		assertThat(stored.at("/configuration/jurisdiction/status").asText()).isEqualTo("UNDER_ASSESSMENT");
		assertThat(stored.at("/configuration/rulebook/version").asInt()).isEqualTo(1);
		assertThat(stored.at("/configuration/thresholds").get("RESERVE_COVERAGE.minRatio").asText()).isEqualTo("1.00");
		assertThat(stored.get("checks").findValuesAsText("code")).containsExactly("RESERVE_COVERAGE",
				"ASSET_ELIGIBILITY", "ATTESTATION_AGE", "AUDIT_AGE", "REDEMPTION", "SEGREGATION", "JURISDICTION");
		JsonNode jurisdiction = find(stored.get("checks"), "JURISDICTION");
		assertThat(jurisdiction.get("value").asText()).isEqualTo(HOME + ": Under assessment");
		assertThat(jurisdiction.get("threshold").asText()).isEqualTo("Equivalent");
		assertThat(jurisdiction.get("result").asText()).isEqualTo("FAILED");
		assertThat(jurisdiction.get("flag").asText()).isEqualTo("UNDER_ASSESSMENT");
		assertThat(jurisdiction.get("rule").asText()).isEqualTo("PS-8 jurisdiction");
		JsonNode coverage = find(stored.get("checks"), "RESERVE_COVERAGE");
		assertThat(coverage.get("value").asText()).isEqualTo("1.010000");
		assertThat(coverage.get("threshold").asText()).isEqualTo("≥ 1.00");
		assertThat(coverage.get("result").asText()).isEqualTo("PASSED");
		assertThat(coverage.hasNonNull("rule")).isFalse();

		// the jurisdiction table is data: the admin now judges the home framework not
		// equivalent
		jurisdictions.set("admin", HOME, "Luxembourg", EquivalenceStatus.NOT_EQUIVALENT, Fixtures.DETERMINED_ON,
				Fixtures.DETERMINATION, "judged after the pre-screen");

		JsonNode after = issuer.get(path).json();
		assertThat(after.get("preScreen")).as("the stored pre-screen is not recomputed").isEqualTo(stored);
		assertThat(toList(after.get("flags"))).containsExactly("UNDER_ASSESSMENT");
		assertThat(find(after.get("checks"), "JURISDICTION").get("value").asText())
			.isEqualTo(HOME + ": Under assessment");
		assertThat(jdbc.sql("""
				SELECT kind FROM app.pre_screen_evaluation WHERE application_id = ?::uuid AND rules IS NOT NULL
				""").param(submitted.id()).query(String.class).list()).containsExactly("PRE_SCREEN");

		// the task screen: the stored pre-screen, and today's rules beside it, labelled
		ApiClient backing = new ApiClient(rest, "backing");
		String task = backing.taskId(submitted.reference(), "reviewBacking");
		String taskPage = kept("task-en.html", page("backing", "/tasks/" + task));
		int storedTable = taskPage.indexOf("The pre-screen as stored when it ran");
		int rerun = taskPage.indexOf("Re-run under rulebook version 1, in force now");
		assertThat(storedTable).as(taskPage).isPositive();
		assertThat(taskPage).as("every text from the bundles").doesNotContain("??");
		assertThat(rerun).isGreaterThan(storedTable);
		assertThat(taskPage.substring(0, storedTable)).contains("Judged under rulebook version 1");
		assertThat(taskPage.substring(storedTable, rerun)).contains(HOME + ": Under assessment", "PS-8")
			.doesNotContain(HOME + ": Not equivalent");
		assertThat(taskPage.substring(rerun)).contains("not stored", HOME + ": Not equivalent");
		// the timeline spells out the audited pre-screen
		assertThat(taskPage).contains("Flags raised:",
				"Home jurisdiction: " + HOME + ": Under assessment (threshold Equivalent) — failed",
				"Reserve coverage: 1.010000 (threshold ≥ 1.00) — passed");

		// the reviewer stores today's re-run: kept and audited beside the pre-screen,
		// which stays the record
		java.net.http.HttpResponse<String> reRun = reRun("backing", "/tasks/" + task);
		assertThat(reRun.statusCode()).as(reRun.body()).isEqualTo(302);
		assertThat(jdbc.sql(
				"SELECT kind || ' ' || evaluated_by FROM app.pre_screen_evaluation WHERE application_id = ?::uuid ORDER BY evaluated_at, kind")
			.param(submitted.id())
			.query(String.class)
			.list()).containsExactlyInAnyOrder("PRE_SCREEN system", "RE_RUN backing");
		assertThat(issuer.get(path).json().get("preScreen")).as("the re-run does not replace the pre-screen")
			.isEqualTo(stored);
		assertThat(toList(issuer.get(path).json().get("flags"))).containsExactly("UNDER_ASSESSMENT");
		String afterReRun = kept("task-rerun-en.html", page("backing", "/tasks/" + task));
		assertThat(afterReRun).contains("Re-run stored by backing", HOME + ": Not equivalent", "PS-7")
			.doesNotContain("??");

		// the case page shows the record and no recomputation
		String casePage = kept("case-en.html", page("backing", "/cases/" + submitted.id()));
		assertThat(checksSection(casePage))
			.contains("The pre-screen as stored when it ran", HOME + ": Under assessment")
			.doesNotContain(HOME + ": Not equivalent");
		assertThat(casePage).as("the timeline has both, each as audited")
			.contains("Home jurisdiction: " + HOME + ": Under assessment (threshold Equivalent) — failed",
					"Home jurisdiction: " + HOME + ": Not equivalent (threshold Equivalent) — failed",
					"A re-run under the rules");
		assertThat(page("issuer", "/cases/" + submitted.id())).as("the issuer sees the values, not the rules")
			.contains("The pre-screen as stored when it ran", HOME + ": Under assessment")
			.doesNotContain("PS-8");
		String japanese = kept("case-ja.html", page("admin", "/cases/" + submitted.id() + "?lang=ja"));
		page("admin", "/cases/" + submitted.id() + "?lang=en");
		assertThat(japanese).contains("付されたフラグ：");
		assertThat(checksSection(japanese)).contains("実行時に記録された事前審査", HOME + ": 評価中")
			.doesNotContain(HOME + ": 同等")
			.doesNotContain("??");

		// the audit trail holds the pre-screen with its flags, the values behind them and
		// the configuration
		JsonNode trail = intake.get(path + "/audit").json();
		List<JsonNode> entries = new ArrayList<>();
		trail.forEach(candidate -> {
			if (candidate.get("kind").asText().equals("PRE_SCREEN_COMPLETED")) {
				entries.add(candidate);
			}
		});
		assertThat(entries).as(trail.toString()).hasSize(2);
		JsonNode entry = entries.get(0);
		assertThat(entry.get("actor").asText()).isEqualTo("system");
		JsonNode reRunEntry = entries.get(1);
		assertThat(reRunEntry.get("actor").asText()).isEqualTo("backing");
		JsonNode reRunPayload = Fixtures.JSON.readTree(reRunEntry.get("payload").asText());
		assertThat(reRunPayload.get("kind").asText()).isEqualTo("RE_RUN");
		assertThat(reRunPayload.at("/configuration/jurisdiction/status").asText()).isEqualTo("NOT_EQUIVALENT");
		assertThat(reRunPayload.get("flags").findValuesAsText("rule")).as("today's table fires through the engine")
			.containsExactly("PS-7 jurisdiction");
		assertThat(find(reRunPayload.get("checks"), "JURISDICTION").get("rule").asText())
			.isEqualTo("PS-7 jurisdiction");
		JsonNode payload = Fixtures.JSON.readTree(entry.get("payload").asText());
		assertThat(payload.get("flags").findValuesAsText("flag")).containsExactly("UNDER_ASSESSMENT");
		assertThat(payload.get("flags").findValuesAsText("rule")).containsExactly("PS-8 jurisdiction");
		assertThat(payload.at("/configuration/jurisdiction/status").asText()).isEqualTo("UNDER_ASSESSMENT");
		assertThat(payload.at("/configuration/rulebook/version").asInt()).isEqualTo(1);
		assertThat(payload.at("/configuration/thresholds").get("RESERVE_COVERAGE.minRatio").asText()).isEqualTo("1.00");
		assertThat(payload.get("asOf").asText()).isEqualTo("2026-11-25");
		assertThat(payload.get("checks")).hasSize(7);
		JsonNode auditedCoverage = find(payload.get("checks"), "RESERVE_COVERAGE");
		assertThat(auditedCoverage.at("/value/key").asText()).isEqualTo("check.value.plain");
		assertThat(auditedCoverage.at("/value/args/0").asText()).isEqualTo("1.010000");
		assertThat(auditedCoverage.at("/threshold/args/0").asText()).isEqualTo("1.00");
		assertThat(auditedCoverage.get("result").asText()).isEqualTo("PASSED");
		JsonNode auditedJurisdiction = find(payload.get("checks"), "JURISDICTION");
		assertThat(auditedJurisdiction.get("result").asText()).isEqualTo("FAILED");
		assertThat(auditedJurisdiction.get("rule").asText()).isEqualTo("PS-8 jurisdiction");
		assertThat(auditedJurisdiction.at("/value/args/1/key").asText()).isEqualTo("equivalence.UNDER_ASSESSMENT");
		JsonNode verified = new ApiClient(rest, "admin").get("/api/v1/audit/verify").json();
		assertThat(verified.get("valid").asBoolean()).as(verified.toString()).isTrue();

		// decided: the letter gives the stored evaluation, in both languages and as PDF
		ApiClient cooperation = new ApiClient(rest, "cooperation");
		ApiClient decider = new ApiClient(rest, "decision");
		daysLater(4);
		expectOk(backing.complete(task, "{\"outcome\": \"SATISFACTORY\"}"));
		expectOk(cooperation.complete(cooperation.taskId(submitted.reference(), "requestHomeConfirmation"),
				"{\"sent\": true}"));
		expectOk(cooperation.complete(cooperation.taskId(submitted.reference(), "recordHomeReply"),
				"{\"confirmed\": true, \"arrangement\": \"MOU\", \"reference\": \"CSSF-JFSA-2026\"}"));
		daysLater(6);
		// no approval passes the legal gates from a framework judged not equivalent: the
		// letter is a rejection's, and still gives what the pre-screen evaluated then
		expectOk(decider.complete(decider.taskId(submitted.reference(), "decide"),
				"{\"decision\": \"REJECT\", \"reasons\": \"The home framework is not equivalent.\"}"));
		ApiClient.Response letter = issuer.get(path + "/letter?lang=en&format=html");
		String en = kept("letter-en.html", letter.body());
		// the letter's one inline style is admitted by its hash, and nothing else is
		java.util.regex.Matcher style = java.util.regex.Pattern.compile("<style>([\\s\\S]*?)</style>").matcher(en);
		assertThat(style.find()).isTrue();
		String hash = java.util.Base64.getEncoder()
			.encodeToString(java.security.MessageDigest.getInstance("SHA-256")
				.digest(style.group(1).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		assertThat(letter.headers().getFirst("Content-Security-Policy")).startsWith("default-src 'none'")
			.contains("style-src 'sha256-" + hash + "'")
			.doesNotContain("unsafe-inline");
		assertThat(en)
			.contains("Automatic pre-screen", "Home jurisdiction", HOME + ": Under assessment",
					"failed — Under assessment", "1.010000")
			.doesNotContain(HOME + ": Not equivalent")
			.doesNotContain("??");
		String ja = kept("letter-ja.html", issuer.get(path + "/letter?lang=ja&format=html").body());
		assertThat(ja).contains("自動事前審査", HOME + ": 評価中", "不適合");
		ResponseEntity<byte[]> pdf = issuer.getBytes(path + "/letter?lang=en&format=pdf");
		assertThat(pdf.getStatusCode().value()).isEqualTo(200);
		java.nio.file.Files.write(java.nio.file.Path.of("target", "pre-screen", "letter-en.pdf"), pdf.getBody());
		try (PdfReader reader = new PdfReader(pdf.getBody())) {
			StringBuilder text = new StringBuilder();
			for (int number = 1; number <= reader.getNumberOfPages(); number++) {
				text.append(new PdfTextExtractor(reader).getTextFromPage(number));
			}
			assertThat(text.toString()).contains("Automatic pre-screen", HOME + ": Under assessment");
		}
	}

	/**
	 * The canonical application with another home jurisdiction, its documents, submitted.
	 */
	private ApiClient.Case submit(ApiClient issuer) {
		ObjectNode content = Fixtures.example();
		((ObjectNode) content.get("issuer")).put("jurisdiction", HOME);
		ApiClient.Response created = issuer.postJson("/api/v1/applications", content.toString());
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		ApiClient.Case draft = new ApiClient.Case(created.json().get("id").asText(),
				created.json().get("reference").asText());
		for (String type : ApiClient.REQUIRED_DOCUMENTS) {
			ApiClient.Response uploaded = issuer.upload(draft.id(), type, type.toLowerCase() + ".pdf",
					Fixtures.pdf(draft.reference() + " " + type), "application/pdf");
			assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
		}
		expectOk(issuer.post("/api/v1/applications/" + draft.id() + "/submit"));
		return draft;
	}

	/**
	 * The task screen's button, as a browser presses it: the session's CSRF token read
	 * from the page first.
	 */
	private java.net.http.HttpResponse<String> reRun(String user, String taskPath) throws Exception {
		java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
			.cookieHandler(new java.net.CookieManager())
			.followRedirects(java.net.http.HttpClient.Redirect.NEVER)
			.build();
		String basic = "Basic " + java.util.Base64.getEncoder()
			.encodeToString((user + ":demo").getBytes(java.nio.charset.StandardCharsets.UTF_8));
		String root = rest.getRootUri();
		String form = client
			.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(root + taskPath))
				.header("Authorization", basic)
				.header("Accept", "text/html")
				.build(), java.net.http.HttpResponse.BodyHandlers.ofString())
			.body();
		assertThat(form).contains("action=\"" + taskPath + "/pre-screen\"");
		java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"")
			.matcher(form);
		assertThat(csrf.find()).as("the session's CSRF token: " + form).isTrue();
		return client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(root + taskPath + "/pre-screen"))
			.header("Authorization", basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString(
					"_csrf=" + java.net.URLEncoder.encode(csrf.group(1), java.nio.charset.StandardCharsets.UTF_8)))
			.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
	}

	private static void daysLater(int days) {
		ClockUtil.setCurrentTime(Date.from(TODAY.plus(java.time.Duration.ofDays(days))));
	}

	/**
	 * The case page's checks, without the timeline (which holds every evaluation
	 * audited).
	 */
	private static String checksSection(String page) {
		int start = page.indexOf("<h2>Automatic checks</h2>") >= 0 ? page.indexOf("<h2>Automatic checks</h2>")
				: page.indexOf("<h2>自動チェック</h2>");
		assertThat(start).as(page).isNotNegative();
		return page.substring(start, page.indexOf("</section>", start));
	}

	/** Kept under target/pre-screen for a look at what the test saw. */
	private static String kept(String name, String html) throws java.io.IOException {
		java.nio.file.Path directory = java.nio.file.Files
			.createDirectories(java.nio.file.Path.of("target", "pre-screen"));
		java.nio.file.Files.writeString(directory.resolve(name), html);
		return html;
	}

	/** A screen as a signed-in user gets it (HTTP Basic works for the screens too). */
	private String page(String user, String path) {
		HttpHeaders headers = new HttpHeaders();
		headers.setAccept(List.of(MediaType.TEXT_HTML));
		ResponseEntity<String> page = rest.withBasicAuth(user, "demo")
			.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
		assertThat(page.getStatusCode().value()).as(path + ": " + page.getBody()).isEqualTo(200);
		return page.getBody();
	}

	private static JsonNode find(JsonNode checks, String code) {
		for (JsonNode check : checks) {
			if (check.path("code").asText().equals(code) || check.path("check").asText().equals(code)) {
				return check;
			}
		}
		throw new AssertionError("no check " + code + " in " + checks);
	}

	private static List<String> toList(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach(node -> values.add(node.asText()));
		return values;
	}

	private static void expectOk(ApiClient.Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
	}

}
