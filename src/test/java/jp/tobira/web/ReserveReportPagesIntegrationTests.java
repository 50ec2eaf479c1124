package jp.tobira.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.tobira.Fixtures;
import jp.tobira.TobiraIntegrationTest;
import jp.tobira.api.ApiClient;
import jp.tobira.cooperation.EquivalenceStatus;
import jp.tobira.cooperation.Jurisdictions;

/**
 * The issuer's reserve report form over HTTP, for a case taken to recognition through the
 * API: input of the wrong form and input the filing's rules refuse both come back to the
 * form with each message beside its field, a 400 and nothing stored (no report, no
 * document, no audit entry); another issuer's case is not found, on the form, its filing
 * and the surrender alike; a good report is filed through the service the API calls and
 * leads to the case page.
 */
@TobiraIntegrationTest
class ReserveReportPagesIntegrationTests {

	@Autowired
	TestRestTemplate rest;

	@Autowired
	Jurisdictions jurisdictions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	@LocalServerPort
	int port;

	YearMonth lastMonth;

	@BeforeEach
	void setUp() {
		jurisdictions.set("admin", Fixtures.EQUIVALENT_HOME, "Switzerland", EquivalenceStatus.EQUIVALENT,
				Fixtures.DETERMINED_ON, Fixtures.DETERMINATION, "test");
		lastMonth = YearMonth.now(clock).minusMonths(1);
	}

	@Test
	void refusesFiguresOfTheWrongFormBesideTheirFieldKeepingWhatWasTypedAndStoringNothing() {
		ApiClient.Case recognised = recognised();
		long[] before = stored(recognised);
		Map<String, String> form = clean(lastMonth);
		form.put("outstandingSupply", "a billion");

		HttpResponse<String> refused = file("issuer", recognised, form, "attestation.pdf", pdf(recognised));

		assertThat(refused.statusCode()).isEqualTo(400);
		String page = refused.body();
		assertThat(page).contains("id=\"outstandingSupply-error\"", "value=\"a billion\"",
				"value=\"" + lastMonth + "\"", "Custody Bank A");
		assertThat(stored(recognised)).as("reports, documents, audit entries").containsExactly(before);
	}

	@Test
	void refusesWhatTheFilingsRulesRefuseBesideEachFieldStoringNothing() {
		ApiClient.Case recognised = recognised();
		long[] before = stored(recognised);
		// this month is not over; no redemptions yet an amount paid out; a negative row
		Map<String, String> form = clean(YearMonth.now(clock));
		form.put("reserves.asOf", YearMonth.now(clock).atDay(1).toString());
		form.put("redemptions.count", "0");
		form.put("reserves.assets[1].amount", "-5");

		HttpResponse<String> refused = file("issuer", recognised, form, "attestation.pdf", pdf(recognised));

		assertThat(refused.statusCode()).isEqualTo(400);
		String page = refused.body();
		assertThat(page).as("the month, beside the month's field")
			.contains("id=\"period-error\"", "is not over")
			.as("the row's amount, beside it")
			.contains("id=\"reserves.assets[1].amount-error\"")
			.as("the redemptions as a whole, in their part")
			.contains("id=\"redemptions-error\"", "the amount and the longest time must be 0");
		assertThat(stored(recognised)).as("reports, documents, audit entries").containsExactly(before);
	}

	@Test
	void refusesAReportWithoutItsAttestationBesideTheFileStoringNothing() {
		ApiClient.Case recognised = recognised();
		long[] before = stored(recognised);

		HttpResponse<String> refused = file("issuer", recognised, clean(lastMonth), "", new byte[0]);

		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("id=\"file-error\"");
		assertThat(stored(recognised)).containsExactly(before);
	}

	@Test
	void anotherIssuersCaseIsNotFoundOnTheFormItsFilingAndTheSurrender() {
		ApiClient.Case recognised = recognised();
		long[] before = stored(recognised);

		PageSession another = PageSession.logIn(root(), "issuer2");
		assertThat(another.get("/cases/" + recognised.id() + "/reserve-reports/new").statusCode()).isEqualTo(404);
		assertThat(file("issuer2", recognised, clean(lastMonth), "attestation.pdf", pdf(recognised)).statusCode())
			.isEqualTo(404);
		assertThat(another.get("/cases/" + recognised.id() + "/surrender").statusCode()).isEqualTo(404);
		assertThat(
				another.post("/cases/" + recognised.id() + "/surrender", Map.of("reasons", "Not ours.")).statusCode())
			.isEqualTo(404);

		assertThat(stored(recognised)).containsExactly(before);
		assertThat(jdbc.sql("SELECT status FROM app.register_entry WHERE reference = ?")
			.param(recognised.reference())
			.query(String.class)
			.single()).isEqualTo("RECOGNISED");
	}

	@Test
	void filesAGoodReportThroughTheFormAndLeadsToTheCasePageWhereStaffReadItToo() {
		ApiClient.Case recognised = recognised();
		long[] before = stored(recognised);

		HttpResponse<String> filed = file("issuer", recognised, clean(lastMonth), "attestation.pdf", pdf(recognised));

		assertThat(filed.statusCode()).as(filed.body()).isEqualTo(302);
		assertThat(filed.headers().firstValue("Location").orElseThrow())
			.endsWith("/cases/" + recognised.id() + "#reserve-reports");
		long[] after = stored(recognised);
		assertThat(after[0]).as("one report").isEqualTo(before[0] + 1);
		assertThat(after[1]).as("its attestation").isEqualTo(before[1] + 1);
		assertThat(jdbc.sql("SELECT coverage_ratio FROM app.reserve_report WHERE application_id = ?::uuid")
			.param(recognised.id())
			.query(java.math.BigDecimal.class)
			.single()).isEqualByComparingTo("1.05");
		String staffPage = PageSession.logIn(root(), "backing").get("/cases/" + recognised.id()).body();
		assertThat(staffPage).contains("id=\"reserve-reports\"", "105.00%")
			.doesNotContain("/reserve-reports/new", "/surrender");
		// the issuer's timeline tells it what became of its token after the decision, and
		// of its report
		String issuerPage = PageSession.logIn(root(), "issuer").get("/cases/" + recognised.id() + "?lang=en").body();
		String timeline = issuerPage.substring(issuerPage.indexOf("class=\"timeline\""));
		assertThat(timeline.substring(0, timeline.indexOf("</ol>"))).contains("Entered in the register",
				"Supervision started", "Reserve report filed");
	}

	private HttpResponse<String> file(String username, ApiClient.Case of, Map<String, String> form, String fileName,
			byte[] attestation) {
		return PageSession.logIn(root(), username)
			.postWithFile("/cases/" + of.id() + "/reserve-reports", form, fileName, attestation);
	}

	private String root() {
		return "http://localhost:" + port;
	}

	/**
	 * The form as an issuer fills it in: 1,000,000,000 outstanding, reserves of 1.05
	 * times that in cash and a bill, attested on the month's last day, a prompt month.
	 */
	static Map<String, String> clean(YearMonth month) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("period", month.toString());
		form.put("outstandingSupply", "1000000000.00");
		form.put("reserves.asOf", month.atEndOfMonth().toString());
		form.put("reserves.assets[0].assetClass", "CASH");
		form.put("reserves.assets[0].amount", "700000000.00");
		form.put("reserves.assets[0].currency", "USD");
		form.put("reserves.assets[0].custodian", "Custody Bank A");
		form.put("reserves.assets[1].assetClass", "GOVERNMENT_BILL");
		form.put("reserves.assets[1].amount", "350000000.00");
		form.put("reserves.assets[1].currency", "USD");
		form.put("reserves.assets[1].custodian", "Custody Bank B");
		form.put("reserves.assets[1].maturity", month.plusMonths(2).atEndOfMonth().toString());
		form.put("attestationDate", month.atEndOfMonth().toString());
		form.put("redemptions.count", "12");
		form.put("redemptions.amount", "2500000.00");
		form.put("redemptions.longestBusinessDays", "2");
		return form;
	}

	private static byte[] pdf(ApiClient.Case of) {
		return Fixtures.pdf(of.reference() + " attestation " + System.nanoTime());
	}

	/** The case's reports, documents and audit entries. */
	private long[] stored(ApiClient.Case of) {
		return new long[] {
				jdbc.sql("SELECT count(*) FROM app.reserve_report WHERE application_id = ?::uuid")
					.param(of.id())
					.query(Long.class)
					.single(),
				jdbc.sql("SELECT count(*) FROM app.document WHERE application_id = ?::uuid")
					.param(of.id())
					.query(Long.class)
					.single(),
				jdbc.sql("SELECT count(*) FROM app.audit_entry WHERE case_reference = ?")
					.param(of.reference())
					.query(Long.class)
					.single() };
	}

	private ApiClient.Case recognised() {
		ApiClient intake = new ApiClient(rest, "intake");
		ApiClient backing = new ApiClient(rest, "backing");
		ApiClient cooperation = new ApiClient(rest, "cooperation");
		ApiClient decision = new ApiClient(rest, "decision");
		ApiClient.Case submitted = new ApiClient(rest, "issuer").submitCanonicalFrom(Fixtures.EQUIVALENT_HOME);
		intake.complete(intake.taskId(submitted.reference(), "checkCompleteness"), "{\"complete\": true}");
		backing.complete(backing.taskId(submitted.reference(), "reviewBacking"), "{\"outcome\": \"SATISFACTORY\"}");
		cooperation.complete(cooperation.taskId(submitted.reference(), "requestHomeConfirmation"), "{\"sent\": true}");
		cooperation.complete(cooperation.taskId(submitted.reference(), "recordHomeReply"),
				"{\"confirmed\": true, \"arrangement\": \"MOU\", \"reference\": \"MOU-FORM\"}");
		assertThat(decision
			.complete(decision.taskId(submitted.reference(), "decide"),
					"{\"decision\": \"APPROVE\", \"reasons\": \"All in order.\"}")
			.status()).isEqualTo(200);
		return submitted;
	}

}
