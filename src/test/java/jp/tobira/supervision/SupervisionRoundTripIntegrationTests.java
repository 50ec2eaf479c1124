package jp.tobira.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.jdom2.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import jp.tobira.Fixtures;
import jp.tobira.TobiraIntegrationTest;
import jp.tobira.api.ApiClient;
import jp.tobira.cooperation.EquivalenceStatus;
import jp.tobira.cooperation.Jurisdictions;
import jp.tobira.decision.RegisterFeed;
import jp.tobira.process.EngineClock;
import jp.tobira.security.Group;
import jp.tobira.security.Users;

/**
 * From approval to suspension and back, over HTTP only and through the real process: a
 * token approved through the API, a flagged reserve report filed by its issuer, the
 * supervisor's proposal to suspend, the proposer refused on the decision (four eyes,
 * 403), another decision-maker's suspension, a clean report, the reinstatement; then the
 * register's JSON, CSV, page and Atom feed each show every change with its day, reasons
 * and case, and the CSV as of an earlier day is the register as it stood then. Each step
 * happens on a later day of the application's clock, moved as the engine's, never slept.
 */
@TobiraIntegrationTest
class SupervisionRoundTripIntegrationTests {

	static final String ATOM = "http://www.w3.org/2005/Atom";

	/**
	 * A member of both the supervision and the decision group: the one person who could
	 * both propose a suspension and decide it, were it not for the four-eyes rule.
	 */
	static final String PROPOSER = "supervisor-and-decider";

	static final String PROPOSAL = "Reserves cover ninety per cent of the supply.";

	static final String SUSPENSION = "Reserves short of the supply; suspended until a full report.";

	static final String REINSTATEMENT = "Corrected report shows full cover.";

	@Autowired
	TestRestTemplate rest;

	@Autowired
	Jurisdictions jurisdictions;

	@Autowired
	Users users;

	@Autowired
	PasswordEncoder passwords;

	ApiClient anonymous;

	@BeforeEach
	void setUp() {
		jurisdictions.set("admin", Fixtures.EQUIVALENT_HOME, "Switzerland", EquivalenceStatus.EQUIVALENT,
				Fixtures.DETERMINED_ON, Fixtures.DETERMINATION, "test");
		if (!users.exists(PROPOSER)) {
			users.create(PROPOSER, passwords.encode("demo"), "Supervisor who also decides", null,
					Set.of(Group.SUPERVISION, Group.DECISION));
		}
		anonymous = new ApiClient(rest, null);
	}

	@AfterEach
	void resetClock() {
		ClockUtil.reset();
	}

	@Test
	void fromApprovalToSuspensionAndBackEveryChangeIsInTheRegisterWithItsHistory() throws Exception {
		ApiClient.Case approved = ApiClient.approvedCanonical(rest, Fixtures.EQUIVALENT_HOME);
		String reference = approved.reference();
		LocalDate decided = LocalDate.parse(entry(reference).get("decisionDate").asText());
		YearMonth month = YearMonth.from(decided).minusMonths(1);
		ApiClient issuer = new ApiClient(rest, "issuer");
		ApiClient proposer = new ApiClient(rest, PROPOSER);
		ApiClient decision = new ApiClient(rest, "decision");
		ApiClient decision2 = new ApiClient(rest, "decision2");

		// day 1: a report whose reserves do not cover the supply, assessed and proposed
		on(decided.plusDays(1));
		ApiClient.Response flagged = issuer.fileReserveReport(approved, Fixtures.underBackedReserveReport(month));
		assertThat(flagged.status()).as(flagged.toString()).isEqualTo(201);
		assertThat(flagged.json().get("flags")).extracting(JsonNode::asText).containsExactly("UNDER_BACKED");
		ApiClient.Response proposed = proposer.complete(proposer.taskId(reference, "assessReport"),
				"{\"outcome\": \"PROPOSE_SUSPENSION\", \"reasons\": \"" + PROPOSAL + "\"}");
		assertThat(proposed.status()).as(proposed.toString()).isEqualTo(200);

		// day 2: the proposer may neither take nor decide it; another decision-maker
		// suspends
		on(decided.plusDays(2));
		String decideSuspension = decision.taskId(reference, "decideSuspension");
		ApiClient.Response claimed = proposer.post("/api/v1/tasks/" + decideSuspension + "/claim");
		assertThat(claimed.status()).as(claimed.toString()).isEqualTo(403);
		ApiClient.Response refused = proposer.complete(decideSuspension,
				"{\"decision\": \"SUSPEND\", \"reasons\": \"My own proposal.\"}");
		assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
		assertThat(refused.headers().getContentType()).hasToString("application/problem+json");
		assertThat(entry(reference).get("status").asText()).as("nothing changed").isEqualTo("RECOGNISED");
		ApiClient.Response suspended = decision.complete(decideSuspension,
				"{\"decision\": \"SUSPEND\", \"reasons\": \"" + SUSPENSION + "\"}");
		assertThat(suspended.status()).as(suspended.toString()).isEqualTo(200);
		assertThat(entry(reference).get("status").asText()).isEqualTo("SUSPENDED");

		// day 4: the month's corrected report, without flags, asks for a reinstatement
		on(decided.plusDays(4));
		ApiClient.Response clean = issuer.fileReserveReport(approved, Fixtures.cleanReserveReport(month));
		assertThat(clean.status()).as(clean.toString()).isEqualTo(201);
		assertThat(clean.json().get("version").asInt()).isEqualTo(2);
		assertThat(clean.json().get("flags")).isEmpty();

		// day 5: reinstated
		on(decided.plusDays(5));
		ApiClient.Response reinstated = decision2.complete(decision2.taskId(reference, "decideReinstatement"),
				"{\"reinstate\": true, \"reasons\": \"" + REINSTATEMENT + "\"}");
		assertThat(reinstated.status()).as(reinstated.toString()).isEqualTo(200);

		List<Change> changes = List.of(new Change(decided, "RECOGNISED", "Backing and audit in order."),
				new Change(decided.plusDays(2), "SUSPENDED", SUSPENSION),
				new Change(decided.plusDays(5), "RECOGNISED", REINSTATEMENT));

		// JSON
		JsonNode entry = entry(reference);
		assertThat(entry.get("status").asText()).isEqualTo("RECOGNISED");
		assertThat(entry.get("statusSince").asText()).isEqualTo(decided.plusDays(5).toString());
		JsonNode history = entry.get("history");
		assertThat(history).hasSize(3);
		for (int i = 0; i < changes.size(); i++) {
			assertThat(history.get(i).get("date").asText()).isEqualTo(changes.get(i).date().toString());
			assertThat(history.get(i).get("status").asText()).isEqualTo(changes.get(i).status());
			assertThat(history.get(i).get("reasons").asText()).isEqualTo(changes.get(i).reasons());
			assertThat(history.get(i).get("reference").asText()).isEqualTo(reference);
		}

		// CSV: one line of history per change, in order
		CSVRecord row = csvRow(anonymous.get("/register.csv").body(), reference);
		assertThat(row.get("status")).isEqualTo("RECOGNISED");
		assertThat(row.get("status_since")).isEqualTo(decided.plusDays(5).toString());
		List<String> lines = row.get("history").lines().toList();
		assertThat(lines).hasSize(3);
		for (int i = 0; i < changes.size(); i++) {
			assertThat(lines.get(i)).startsWith(changes.get(i).date() + " " + changes.get(i).status() + ": ")
				.contains(changes.get(i).reasons(), history.get(i).get("auditHash").asText());
		}

		// the page, in both languages
		String english = anonymous.get("/register?lang=en").body();
		assertThat(english).contains(reference, "History (3 change(s))", "Suspended", SUSPENSION, REINSTATEMENT);
		for (Change change : changes) {
			assertThat(english).contains("datetime=\"" + change.date() + "\"",
					change.date().format(DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH)));
		}
		String japanese = anonymous.get("/register?lang=ja").body();
		assertThat(japanese).contains(reference, "履歴（3 件の変更）", SUSPENSION, REINSTATEMENT,
				decided.plusDays(2).format(DateTimeFormatter.ofPattern("yyyy年M月d日")));

		// the Atom feed: well-formed XML, read by ROME as Atom 1.0, one entry per change
		String atom = anonymous.get("/register.atom").body();
		wellFormed(atom);
		SyndFeed feed = new SyndFeedInput().build(new StringReader(atom));
		assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
		List<SyndEntry> ours = new ArrayList<>();
		for (SyndEntry candidate : feed.getEntries()) {
			if (reference.equals(foreign(candidate, "reference"))) {
				ours.add(candidate);
			}
		}
		assertThat(ours).as("every change, newest first").hasSize(3);
		for (int i = 0; i < changes.size(); i++) {
			SyndEntry item = ours.get(changes.size() - 1 - i);
			assertThat(foreign(item, "status")).isEqualTo(changes.get(i).status());
			assertThat(foreign(item, "effective")).isEqualTo(changes.get(i).date().toString());
			assertThat(foreign(item, "reasons")).isEqualTo(changes.get(i).reasons());
			assertThat(foreign(item, "auditHash")).isEqualTo(history.get(i).get("auditHash").asText());
			assertThat(item.getDescription().getValue()).contains(reference);
			assertThat(item.getUri()).startsWith("urn:uuid:");
		}

		// the register as it stood: suspended between, recognised once before, absent
		// earlier
		CSVRecord whileSuspended = csvRow(anonymous.get("/register.csv?asOf=" + decided.plusDays(3)).body(), reference);
		assertThat(whileSuspended.get("status")).isEqualTo("SUSPENDED");
		assertThat(whileSuspended.get("status_since")).isEqualTo(decided.plusDays(2).toString());
		assertThat(whileSuspended.get("history").lines().toList()).hasSize(2).last().asString().contains(SUSPENSION);
		CSVRecord beforeTheProposal = csvRow(anonymous.get("/register.csv?asOf=" + decided.plusDays(1)).body(),
				reference);
		assertThat(beforeTheProposal.get("status")).isEqualTo("RECOGNISED");
		assertThat(beforeTheProposal.get("history").lines()).hasSize(1);
		assertThat(rows(anonymous.get("/register.csv?asOf=" + decided.minusDays(1)).body()))
			.noneSatisfy(earlier -> assertThat(earlier.get("reference")).isEqualTo(reference));
	}

	private record Change(LocalDate date, String status, String reasons) {
	}

	/** The application's (the engine's) clock on that day, in the morning in Tokyo. */
	private static void on(LocalDate day) {
		ClockUtil.setCurrentTime(Date.from(day.atTime(10, 0).atZone(EngineClock.TOKYO).toInstant()));
	}

	private JsonNode entry(String reference) {
		for (JsonNode candidate : anonymous.get("/api/v1/register").json()) {
			if (candidate.get("reference").asText().equals(reference)) {
				return candidate;
			}
		}
		throw new AssertionError("no register entry for " + reference);
	}

	private static List<CSVRecord> rows(String csv) throws java.io.IOException {
		return CSVFormat.RFC4180.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new StringReader(csv.replace("\uFEFF", "")))
			.getRecords();
	}

	private static CSVRecord csvRow(String csv, String reference) throws java.io.IOException {
		return rows(csv).stream()
			.filter(row -> row.get("reference").equals(reference))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no row for " + reference));
	}

	/** Parsed as namespace-aware XML without a DTD: anything not well formed throws. */
	private static void wellFormed(String xml) throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		assertThat(factory.newDocumentBuilder()
			.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
			.getDocumentElement()
			.getNamespaceURI()).isEqualTo(ATOM);
	}

	/** An element of the register's namespace on an entry, as ROME keeps it. */
	private static String foreign(SyndEntry entry, String name) {
		for (Element element : entry.getForeignMarkup()) {
			if (RegisterFeed.NAMESPACE.getURI().equals(element.getNamespaceURI()) && name.equals(element.getName())) {
				return element.getText();
			}
		}
		return null;
	}

}
