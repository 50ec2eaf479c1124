package jp.tobira.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import jp.tobira.Fixtures;
import jp.tobira.TobiraIntegrationTest;
import jp.tobira.api.ApiClient;
import jp.tobira.cooperation.EquivalenceStatus;
import jp.tobira.cooperation.Jurisdictions;

/**
 * Monthly reserve reports over the pinned API, for a case taken to recognition through
 * the same API: each report stored as filed, with its checks, thresholds and rulebook
 * version; a month's second report its next version; every refusal a problem with nothing
 * stored, nothing audited and nothing published.
 */
@TobiraIntegrationTest
class ReserveReportsIntegrationTests {

	static final String APPROVE = "{\"decision\": \"APPROVE\", \"reasons\": \"All in order.\"}";

	@Autowired
	TestRestTemplate rest;

	@Autowired
	Jurisdictions jurisdictions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	@Autowired
	ConfigurableApplicationContext context;

	/**
	 * The events the filings published, heard as the supervision process will hear them;
	 * a listener added to the shared context rather than a test configuration, which
	 * would start a context of its own.
	 */
	final List<ReserveReportFiled> heard = java.util.Collections.synchronizedList(new ArrayList<>());

	final ApplicationListener<ApplicationEvent> listener = event -> {
		if (event instanceof PayloadApplicationEvent<?> payload
				&& payload.getPayload() instanceof ReserveReportFiled filed) {
			heard.add(filed);
		}
	};

	ApiClient issuer;

	/** The last month that is over: reports are filed as of its last day. */
	YearMonth lastMonth;

	@BeforeEach
	void judgeTheHomeFrameworkEquivalent() {
		jurisdictions.set("admin", Fixtures.EQUIVALENT_HOME, "Switzerland", EquivalenceStatus.EQUIVALENT,
				Fixtures.DETERMINED_ON, Fixtures.DETERMINATION, "test");
		issuer = new ApiClient(rest, "issuer");
		lastMonth = YearMonth.now(clock).minusMonths(1);
		context.addApplicationListener(listener);
	}

	@AfterEach
	void stopListening() {
		context.getBean(ApplicationEventMulticaster.class).removeApplicationListener(listener);
	}

	@Test
	void storesACleanReportOnTimeWithItsChecksThresholdsAndRulebookVersion() throws Exception {
		ApiClient.Case recognised = recognised();
		long audited = audited(recognised, "RESERVE_REPORT_FILED");

		ApiClient.Response filed = file("issuer", recognised, clean(lastMonth), pdf(recognised, "clean"),
				"attestation.pdf", MediaType.APPLICATION_PDF);

		assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
		JsonNode report = filed.json();
		assertThat(filed.headers().getLocation()).hasToString(rest.getRootUri() + "/api/v1/applications/"
				+ recognised.id() + "/reserve-reports/" + report.get("id").asText());
		assertThat(report.get("period").asText()).isEqualTo(lastMonth.toString());
		assertThat(report.get("version").asInt()).isEqualTo(1);
		assertThat(report.get("coverageRatio").decimalValue()).isEqualByComparingTo("1.05");
		assertThat(report.get("flags")).isEmpty();
		int inForce = jdbc.sql("""
				SELECT version FROM app.rulebook_version WHERE approved_by IS NOT NULL AND effective_from <= ?
				ORDER BY effective_from DESC, version DESC LIMIT 1
				""").param(LocalDate.now(clock)).query(Integer.class).single();
		assertThat(report.get("rulebookVersion").asInt()).isEqualTo(inForce);
		JsonNode coverage = check(report, "RESERVE_COVERAGE");
		assertThat(coverage.get("result").asText()).isEqualTo("PASSED");
		assertThat(coverage.get("value").asText()).isEqualTo("1.050000");
		assertThat(coverage.get("threshold").asText()).startsWith("≥ ");
		assertThat(check(report, "REDEMPTION").get("value").asText()).isEqualTo("2 business days at the longest");
		assertThat(check(report, "ATTESTATION_AGE").get("result").asText()).isEqualTo("PASSED");
		assertThat(check(report, "ASSET_ELIGIBILITY").get("result").asText()).isEqualTo("PASSED");
		report.get("checks").forEach(check -> assertThat(check.get("result").asText()).isEqualTo("PASSED"));
		assertThat(report.get("thresholds").has("RESERVE_COVERAGE.minRatio")).isTrue();

		// as stored: the list reads the record, the attestation is a document of the case
		JsonNode listed = issuer.get("/api/v1/applications/" + recognised.id() + "/reserve-reports").json();
		assertThat(listed).hasSize(1);
		assertThat(listed.get(0)).isEqualTo(report);
		assertThat(new ApiClient(rest, "backing").get("/api/v1/applications/" + recognised.id() + "/reserve-reports")
			.json()).isEqualTo(listed);
		JsonNode documents = issuer.get("/api/v1/applications/" + recognised.id() + "/documents").json();
		assertThat(documents).anySatisfy(document -> {
			assertThat(document.get("id").asText()).isEqualTo(report.get("attestationDocumentId").asText());
			assertThat(document.get("type").asText()).isEqualTo("RESERVE_ATTESTATION");
		});

		assertThat(audited(recognised, "RESERVE_REPORT_FILED")).isEqualTo(audited + 1);
		String payload = jdbc.sql("""
				SELECT payload FROM app.audit_entry WHERE case_reference = ? AND kind = 'RESERVE_REPORT_FILED'
				""").param(recognised.reference()).query(String.class).single();
		JsonNode entry = Fixtures.JSON.readTree(payload);
		assertThat(entry.get("period").asText()).isEqualTo(lastMonth.toString());
		assertThat(entry.get("version").asInt()).isEqualTo(1);
		assertThat(entry.get("coverageRatio").asText()).isEqualTo("1.050000");
		assertThat(entry.get("flags")).isEmpty();
		assertThat(entry.get("rulebookVersion").asInt()).isEqualTo(inForce);
		assertThat(entry.get("reportId").asText()).isEqualTo(report.get("id").asText());
		assertThat(heard(recognised)).singleElement().satisfies(event -> {
			assertThat(event.period()).isEqualTo(lastMonth);
			assertThat(event.version()).isEqualTo(1);
			assertThat(event.flagged()).isFalse();
			assertThat(event.reportId()).hasToString(report.get("id").asText());
		});
	}

	@Test
	void flagsAReportWhoseReservesDoNotCoverTheSupply() {
		ApiClient.Case recognised = recognised();
		YearMonth month = lastMonth.minusMonths(1);

		ApiClient.Response filed = file("issuer", recognised, report(month, "900000000.00", "300000000.00", 2),
				pdf(recognised, "short"), "attestation.pdf", MediaType.APPLICATION_PDF);

		assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
		assertThat(filed.json().get("coverageRatio").decimalValue()).isEqualByComparingTo("0.9");
		assertThat(filed.json().get("flags")).extracting(JsonNode::asText).containsExactly("UNDER_BACKED");
		JsonNode coverage = check(filed.json(), "RESERVE_COVERAGE");
		assertThat(coverage.get("result").asText()).isEqualTo("FAILED");
		assertThat(coverage.get("value").asText()).isEqualTo("0.900000");
		assertThat(heard(recognised)).singleElement().satisfies(event -> assertThat(event.flagged()).isTrue());
	}

	@Test
	void flagsARedemptionSlowerThanTheRulebookAllows() {
		ApiClient.Case recognised = recognised();

		ApiClient.Response filed = file("issuer", recognised, report(lastMonth, "1050000000.00", "350000000.00", 30),
				pdf(recognised, "slow"), "attestation.pdf", MediaType.APPLICATION_PDF);

		assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
		assertThat(filed.json().get("flags")).extracting(JsonNode::asText).containsExactly("SLOW_REDEMPTION");
		assertThat(check(filed.json(), "REDEMPTION").get("value").asText())
			.isEqualTo("30 business days at the longest");
	}

	@Test
	void filesASecondReportOfAMonthAsItsNextVersionLeavingTheFirstAsItWas() {
		ApiClient.Case recognised = recognised();
		byte[] attestation = pdf(recognised, "kept");
		JsonNode first = file("issuer", recognised, report(lastMonth, "900000000.00", "300000000.00", 2), attestation,
				"attestation.pdf", MediaType.APPLICATION_PDF)
			.json();

		// corrected figures, the accountant's attestation unchanged
		ApiClient.Response second = file("issuer", recognised, clean(lastMonth), attestation, "attestation.pdf",
				MediaType.APPLICATION_PDF);

		assertThat(second.status()).as(second.toString()).isEqualTo(201);
		assertThat(second.json().get("period").asText()).isEqualTo(lastMonth.toString());
		assertThat(second.json().get("version").asInt()).isEqualTo(2);
		assertThat(second.json().get("flags")).isEmpty();
		assertThat(second.json().get("attestationDocumentId")).isEqualTo(first.get("attestationDocumentId"));
		JsonNode listed = issuer.get("/api/v1/applications/" + recognised.id() + "/reserve-reports").json();
		assertThat(listed).hasSize(2);
		assertThat(listed.get(0)).as("version 1 as it was filed").isEqualTo(first);
		assertThat(listed.get(1).get("version").asInt()).isEqualTo(2);
		assertThat(
				issuer.get("/api/v1/applications/" + recognised.id() + "/reserve-reports/" + first.get("id").asText())
					.json())
			.isEqualTo(first);
		assertThat(heard(recognised)).extracting(ReserveReportFiled::version).containsExactly(1, 2);
	}

	@Test
	void takesReportsWithTheirAttestationsPastTheApplicationsDocumentQuotaUpToTheMonthsBoundThenRefusesStoringNothing() {
		ApiClient.Case recognised = recognised();
		long applicationDocuments = documents(recognised);
		// the test configuration: 10 documents an application, 3 filings a month
		for (int i = 1; i <= 3; i++) {
			ApiClient.Response filed = file("issuer", recognised, clean(lastMonth), pdf(recognised, "month " + i),
					"attestation.pdf", MediaType.APPLICATION_PDF);
			assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
		}
		assertThat(documents(recognised)).as("past the application's own quota of 10")
			.isEqualTo(applicationDocuments + 3)
			.isGreaterThan(10);

		ApiClient.Response refused = refusedWithNothingStored(recognised, "issuer", clean(lastMonth),
				pdf(recognised, "one too many"));

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.body()).contains(recognised.reference(), "3 reserve reports this month");
	}

	@Test
	void numbersTwoFilingsOfOneMonthAtOnceOneAfterTheOther() throws Exception {
		ApiClient.Case recognised = recognised();
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
		try {
			java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
			List<java.util.concurrent.Future<ApiClient.Response>> filings = new ArrayList<>();
			for (String which : List.of("first", "second")) {
				filings.add(pool.submit(() -> {
					start.await();
					return file("issuer", recognised, clean(lastMonth), pdf(recognised, which), which + ".pdf",
							MediaType.APPLICATION_PDF);
				}));
			}
			start.countDown();
			List<Integer> versions = new ArrayList<>();
			for (java.util.concurrent.Future<ApiClient.Response> filing : filings) {
				ApiClient.Response filed = filing.get(60, java.util.concurrent.TimeUnit.SECONDS);
				assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
				versions.add(filed.json().get("version").asInt());
			}
			assertThat(versions).containsExactlyInAnyOrder(1, 2);
			assertThat(reports(recognised)).isEqualTo(2);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void refusesAMonthNotYetOverNamingWhy() {
		ApiClient.Case recognised = recognised();
		YearMonth thisMonth = YearMonth.now(clock);

		ApiClient.Response refused = refusedWithNothingStored(recognised, "issuer", clean(thisMonth),
				pdf(recognised, "early"));

		assertThat(refused.status()).isEqualTo(400);
		assertThat(fields(refused)).contains("asOf");
		assertThat(refused.body()).contains("the month " + thisMonth + " is not over");
	}

	@Test
	void refusesADayThatIsNotTheLastOfItsMonth() {
		ApiClient.Case recognised = recognised();
		String midMonth = clean(lastMonth).replace("\"asOf\": \"" + lastMonth.atEndOfMonth() + "\", \"outstanding",
				"\"asOf\": \"" + lastMonth.atDay(15) + "\", \"outstanding");

		ApiClient.Response refused = refusedWithNothingStored(recognised, "issuer", midMonth, pdf(recognised, "mid"));

		assertThat(refused.status()).isEqualTo(400);
		assertThat(fields(refused)).contains("asOf");
		assertThat(refused.body()).contains("must be the last day of a month");
	}

	@Test
	void refusesAReportForATokenNotRecognised() {
		ApiClient.Case inReview = issuer.submitCanonicalFrom(Fixtures.EQUIVALENT_HOME);

		ApiClient.Response refused = refusedWithNothingStored(inReview, "issuer", clean(lastMonth),
				pdf(inReview, "review"));

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.json().get("detail").asText()).contains(inReview.reference(), "is not under supervision");
	}

	@Test
	void answersAnotherIssuersCaseAsNotFound() {
		ApiClient.Case recognised = recognised();

		ApiClient.Response refused = refusedWithNothingStored(recognised, "issuer2", clean(lastMonth),
				pdf(recognised, "other"));

		assertThat(refused.status()).isEqualTo(404);
		assertThat(new ApiClient(rest, "issuer2").get("/api/v1/applications/" + recognised.id() + "/reserve-reports")
			.status()).isEqualTo(404);
	}

	@Test
	void refusesBadInputStoringNothing() {
		ApiClient.Case recognised = recognised();
		byte[] attestation = pdf(recognised, "bad");

		ApiClient.Response malformed = refusedWithNothingStored(recognised, "issuer", "{\"asOf\": ", attestation);
		assertThat(malformed.status()).isEqualTo(400);

		ApiClient.Response nul = refusedWithNothingStored(recognised, "issuer",
				clean(lastMonth).replace("Custody Bank A", "Custody\\u0000Bank A"), attestation);
		assertThat(nul.status()).isEqualTo(400);
		assertThat(fields(nul)).containsExactly("reserves.assets[0].custodian");

		ApiClient.Response notAPdf = file("issuer", recognised, clean(lastMonth),
				"MZ not a PDF at all".getBytes(StandardCharsets.US_ASCII), "attestation.pdf",
				MediaType.APPLICATION_PDF);
		assertThat(notAPdf.status()).as(notAPdf.toString()).isEqualTo(400);
		assertThat(fields(notAPdf)).containsExactly("file");

		ApiClient.Response negative = refusedWithNothingStored(recognised, "issuer",
				clean(lastMonth).replace("\"amount\": \"25000000.00\"", "\"amount\": \"-1\""), attestation);
		assertThat(negative.status()).isEqualTo(400);
		assertThat(fields(negative)).containsExactly("redemptions.amount");

		ApiClient.Response noFile = refusedWithNothingStored(recognised, "issuer", clean(lastMonth), null);
		assertThat(noFile.status()).isEqualTo(400);
		assertThat(noFile.headers().getContentType()).hasToString("application/problem+json");

		assertThat(reports(recognised)).isZero();
		assertThat(audited(recognised, "DOCUMENT_STORED")).as("no attestation kept")
			.isEqualTo(ApiClient.REQUIRED_DOCUMENTS.size());
	}

	/** The canonical application from a framework judged equivalent, approved. */
	private ApiClient.Case recognised() {
		ApiClient intake = new ApiClient(rest, "intake");
		ApiClient backing = new ApiClient(rest, "backing");
		ApiClient cooperation = new ApiClient(rest, "cooperation");
		ApiClient decision = new ApiClient(rest, "decision");
		ApiClient.Case submitted = issuer.submitCanonicalFrom(Fixtures.EQUIVALENT_HOME);
		ok(intake.complete(intake.taskId(submitted.reference(), "checkCompleteness"), "{\"complete\": true}"));
		ok(backing.complete(backing.taskId(submitted.reference(), "reviewBacking"), "{\"outcome\": \"SATISFACTORY\"}"));
		ok(cooperation.complete(cooperation.taskId(submitted.reference(), "requestHomeConfirmation"),
				"{\"sent\": true}"));
		ok(cooperation.complete(cooperation.taskId(submitted.reference(), "recordHomeReply"),
				"{\"confirmed\": true, \"arrangement\": \"MOU\", \"reference\": \"MOU-RESERVES\"}"));
		ok(decision.complete(decision.taskId(submitted.reference(), "decide"), APPROVE));
		assertThat(jdbc.sql("SELECT status FROM app.register_entry WHERE reference = ?")
			.param(submitted.reference())
			.query(String.class)
			.single()).isEqualTo("RECOGNISED");
		return submitted;
	}

	private static void ok(ApiClient.Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
	}

	/** Reserves of 1.05 × the supply, all eligible, short and liquid; a prompt month. */
	static String clean(YearMonth month) {
		return report(month, "1050000000.00", "350000000.00", 2);
	}

	/**
	 * A report of 1,000,000,000 outstanding, as of the month's last day: cash with two
	 * custodians, the rest in a bill maturing two months on, attested that day.
	 */
	static String report(YearMonth month, String reserves, String bills, int longestBusinessDays) {
		LocalDate asOf = month.atEndOfMonth();
		java.math.BigDecimal cash = new java.math.BigDecimal(reserves).subtract(new java.math.BigDecimal(bills));
		java.math.BigDecimal half = cash.divide(java.math.BigDecimal.valueOf(2));
		return """
				{"asOf": "%1$s", "outstandingSupply": "1000000000.00",
				 "reserves": {"asOf": "%1$s", "assets": [
				   {"assetClass": "CASH", "amount": "%2$s", "currency": "USD", "custodian": "Custody Bank A"},
				   {"assetClass": "DEMAND_DEPOSIT", "amount": "%2$s", "currency": "USD", "custodian": "Deposit Bank B"},
				   {"assetClass": "GOVERNMENT_BILL", "amount": "%3$s", "currency": "USD",
				    "custodian": "Safekeeping C", "maturity": "%4$s"}]},
				 "attestationDate": "%1$s",
				 "redemptions": {"count": 12, "amount": "25000000.00", "longestBusinessDays": %5$d}}
				""".formatted(asOf, half.toPlainString(), bills, asOf.plusDays(60), longestBusinessDays);
	}

	private static byte[] pdf(ApiClient.Case of, String what) {
		return Fixtures.pdf(of.reference() + " reserve attestation " + what + " " + System.nanoTime());
	}

	private static JsonNode check(JsonNode report, String code) {
		for (JsonNode check : report.get("checks")) {
			if (check.get("code").asText().equals(code)) {
				return check;
			}
		}
		throw new AssertionError("no check " + code + " in " + report);
	}

	private ApiClient.Response file(String username, ApiClient.Case of, String reportJson, byte[] attestation,
			String fileName, MediaType fileType) {
		MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
		HttpHeaders jsonHeaders = new HttpHeaders();
		jsonHeaders.setContentType(MediaType.APPLICATION_JSON);
		parts.add("report", new HttpEntity<>(reportJson, jsonHeaders));
		if (attestation != null) {
			HttpHeaders fileHeaders = new HttpHeaders();
			fileHeaders.setContentType(fileType);
			parts.add("file", new HttpEntity<>(new ByteArrayResource(attestation) {
				@Override
				public String getFilename() {
					return fileName;
				}
			}, fileHeaders));
		}
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.MULTIPART_FORM_DATA);
		return new ApiClient.Response(rest.withBasicAuth(username, "demo")
			.exchange("/api/v1/applications/" + of.id() + "/reserve-reports", HttpMethod.POST,
					new HttpEntity<>(parts, headers), String.class));
	}

	/** The filing refused as a problem; no report, document, audit entry or event. */
	private ApiClient.Response refusedWithNothingStored(ApiClient.Case of, String username, String reportJson,
			byte[] attestation) {
		long reports = reports(of);
		long entries = auditEntries(of);
		long documents = documents(of);
		int events = heard(of).size();

		ApiClient.Response refused = file(username, of, reportJson, attestation, "attestation.pdf",
				MediaType.APPLICATION_PDF);

		assertThat(refused.status()).as(refused.toString()).isBetween(400, 499);
		assertThat(refused.headers().getContentType()).hasToString("application/problem+json");
		assertThat(reports(of)).as("no report").isEqualTo(reports);
		assertThat(auditEntries(of)).as("nothing audited").isEqualTo(entries);
		assertThat(documents(of)).as("no attestation kept").isEqualTo(documents);
		assertThat(heard(of)).as("nothing published").hasSize(events);
		return refused;
	}

	private static List<String> fields(ApiClient.Response refused) {
		List<String> fields = new ArrayList<>();
		refused.json().path("errors").forEach(error -> fields.add(error.get("field").asText()));
		return fields;
	}

	private List<ReserveReportFiled> heard(ApiClient.Case of) {
		synchronized (heard) {
			return heard.stream().filter(e -> e.reference().value().equals(of.reference())).toList();
		}
	}

	private long reports(ApiClient.Case of) {
		return jdbc.sql("SELECT count(*) FROM app.reserve_report WHERE application_id = ?::uuid")
			.param(of.id())
			.query(Long.class)
			.single();
	}

	private long documents(ApiClient.Case of) {
		return jdbc.sql("SELECT count(*) FROM app.document WHERE application_id = ?::uuid")
			.param(of.id())
			.query(Long.class)
			.single();
	}

	private long auditEntries(ApiClient.Case of) {
		return jdbc.sql("SELECT count(*) FROM app.audit_entry WHERE case_reference = ?")
			.param(of.reference())
			.query(Long.class)
			.single();
	}

	private long audited(ApiClient.Case of, String kind) {
		return jdbc.sql("SELECT count(*) FROM app.audit_entry WHERE case_reference = ? AND kind = ?")
			.params(of.reference(), kind)
			.query(Long.class)
			.single();
	}

}
