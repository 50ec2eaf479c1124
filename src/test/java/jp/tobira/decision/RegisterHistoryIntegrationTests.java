package jp.tobira.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import jp.tobira.Fixtures;
import jp.tobira.TobiraIntegrationTest;
import jp.tobira.api.ApiClient;
import jp.tobira.application.ApplicationId;
import jp.tobira.cooperation.EquivalenceStatus;
import jp.tobira.cooperation.Jurisdictions;
import jp.tobira.process.EngineClock;
import jp.tobira.validation.Refusal;

/**
 * The register, verifiable, over HTTP: a token approved through the API, then suspended,
 * reinstated and revoked on later days as the supervision process will do it (through
 * {@link Register#changeStatus} in a transaction); after each change the JSON, the CSV,
 * the page and the Atom feed show the status, since when, and the history; the CSV as of
 * an earlier day reproduces the register of that day; a revoked token cannot come back;
 * and each change in the feed names the audit entry that records it, sequence and hash.
 */
@TobiraIntegrationTest
class RegisterHistoryIntegrationTests {

	static final String ATOM = "http://www.w3.org/2005/Atom";

	@Autowired
	TestRestTemplate rest;

	@Autowired
	Jurisdictions jurisdictions;

	@Autowired
	Register register;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	ApiClient anonymous;

	@BeforeEach
	void judgeTheHomeFrameworkEquivalent() {
		jurisdictions.set("admin", Fixtures.EQUIVALENT_HOME, "Switzerland", EquivalenceStatus.EQUIVALENT,
				Fixtures.DETERMINED_ON, Fixtures.DETERMINATION, "test");
		anonymous = new ApiClient(rest, null);
	}

	@AfterEach
	void resetClock() {
		ClockUtil.reset();
	}

	@Test
	void showsEachChangeWithItsHistoryInEveryFormAndReproducesAnEarlierDay() throws Exception {
		ApiClient.Case approved = approved();
		JsonNode recognised = entry(approved.reference());
		LocalDate decided = LocalDate.parse(recognised.get("decisionDate").asText());
		assertThat(recognised.get("status").asText()).isEqualTo("RECOGNISED");
		assertThat(recognised.get("statusSince").asText()).isEqualTo(decided.toString());
		assertThat(recognised.get("history")).hasSize(1);
		assertThat(recognised.get("history").get(0).get("reasons").asText()).isEqualTo("Backing and audit in order.");
		assertThat(recognised.get("history").get(0).get("reference").asText()).isEqualTo(approved.reference());
		shownEverywhere(approved.reference(), "RECOGNISED", decided, 1);

		ApplicationId id = ApplicationId.of(approved.id());
		changeOn(decided.plusDays(1), id, RegisterStatus.SUSPENDED, "Reserve report for November not filed.");
		shownEverywhere(approved.reference(), "SUSPENDED", decided.plusDays(1), 2);

		changeOn(decided.plusDays(3), id, RegisterStatus.RECOGNISED, "Reports filed and in order.");
		shownEverywhere(approved.reference(), "RECOGNISED", decided.plusDays(3), 3);

		changeOn(decided.plusDays(5), id, RegisterStatus.REVOKED, "Reserves fell below the outstanding supply.");
		JsonNode revoked = shownEverywhere(approved.reference(), "REVOKED", decided.plusDays(5), 4);
		assertThat(revoked.get("history").findValuesAsText("status")).containsExactly("RECOGNISED", "SUSPENDED",
				"RECOGNISED", "REVOKED");
		assertThat(revoked.get("history").findValuesAsText("date")).containsExactly(decided.toString(),
				decided.plusDays(1).toString(), decided.plusDays(3).toString(), decided.plusDays(5).toString());

		// the register as it stood on a day between: suspended since the day after the
		// decision, two changes; the day before the decision: not there at all
		CSVRecord suspendedThen = csvRow(anonymous.get("/register.csv?asOf=" + decided.plusDays(2)).body(),
				approved.reference());
		assertThat(suspendedThen.get("status")).isEqualTo("SUSPENDED");
		assertThat(suspendedThen.get("status_since")).isEqualTo(decided.plusDays(1).toString());
		assertThat(suspendedThen.get("history").lines()).hasSize(2);
		CSVRecord reinstatedThen = csvRow(anonymous.get("/register.csv?asOf=" + decided.plusDays(4)).body(),
				approved.reference());
		assertThat(reinstatedThen.get("status")).isEqualTo("RECOGNISED");
		assertThat(reinstatedThen.get("status_since")).isEqualTo(decided.plusDays(3).toString());
		assertThat(reinstatedThen.get("history").lines()).hasSize(3);
		assertThat(rows(anonymous.get("/register.csv?asOf=" + decided.minusDays(1)).body()))
			.noneSatisfy(row -> assertThat(row.get("reference")).isEqualTo(approved.reference()));
		// today's register by asOf is the register
		assertThat(
				csvRow(anonymous.get("/register.csv?asOf=" + decided.plusDays(5)).body(), approved.reference()).toMap())
			.isEqualTo(csvRow(anonymous.get("/register.csv").body(), approved.reference()).toMap());
	}

	@Test
	void refusesToReinstateARevokedTokenAndChangesNothing() {
		ApiClient.Case approved = approved();
		ApplicationId id = ApplicationId.of(approved.id());
		LocalDate decided = LocalDate.parse(entry(approved.reference()).get("decisionDate").asText());
		changeOn(decided.plusDays(1), id, RegisterStatus.REVOKED, "Licence withdrawn at home.");
		JsonNode before = entry(approved.reference());
		long auditEntries = auditEntries();

		assertThatThrownBy(() -> changeOn(decided.plusDays(2), id, RegisterStatus.RECOGNISED, "Try again."))
			.isInstanceOfSatisfying(RegisterStatusConflict.class, refusal -> {
				assertThat(refusal.kind()).as("answered 409").isEqualTo(Refusal.Kind.CONFLICT);
				assertThat(refusal.getMessage()).contains(approved.reference(), "REVOKED", "RECOGNISED");
			});
		assertThat(entry(approved.reference())).isEqualTo(before);
		assertThat(auditEntries()).as("nothing audited").isEqualTo(auditEntries);
	}

	@Test
	void refusesAMalformedOrFutureDayForTheRegisterAsItStood() {
		ApiClient.Response malformed = anonymous.get("/register.csv?asOf=2026-13-01");
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.body()).contains("The day 2026-13-01 is not a date in the form YYYY-MM-DD.");
		assertThat(anonymous.get("/register.csv?asOf=yesterday").status()).isEqualTo(400);
		LocalDate tomorrow = LocalDate.now(EngineClock.TOKYO).plusDays(1);
		ApiClient.Response future = anonymous.get("/register.csv?asOf=" + tomorrow);
		assertThat(future.status()).isEqualTo(400);
		assertThat(future.body()).contains("The day " + tomorrow + " is in the future");
		assertThat(anonymous.get("/register.csv?asOf=" + LocalDate.now(EngineClock.TOKYO)).status()).isEqualTo(200);
	}

	@Test
	void theFeedIsWellFormedAtomWhoseChainHeadsAreTheAuditEntriesOfTheChanges() throws Exception {
		ApiClient.Case approved = approved();
		ApplicationId id = ApplicationId.of(approved.id());
		LocalDate decided = LocalDate.parse(entry(approved.reference()).get("decisionDate").asText());
		changeOn(decided.plusDays(1), id, RegisterStatus.SUSPENDED, "Attestation <late> & \"stale\".");

		ApiClient.Response atom = anonymous.get("/register.atom");
		assertThat(atom.status()).isEqualTo(200);
		assertThat(atom.headers().getContentType().toString()).startsWith("application/atom+xml");
		assertThat(atom.headers().getFirst("Content-Security-Policy")).as("a feed loads nothing")
			.startsWith("default-src 'none'");
		Document feed = parse(atom.body());
		Element root = feed.getDocumentElement();
		assertThat(root.getNamespaceURI()).isEqualTo(ATOM);
		assertThat(root.getLocalName()).isEqualTo("feed");
		assertThat(child(root, ATOM, "id")).startsWith("urn:uuid:");
		List<Element> ours = entriesOf(root, approved.reference());
		assertThat(ours).as("newest first")
			.extracting(e -> child(e, RegisterFeed.NAMESPACE.getURI(), "status"))
			.containsExactly("SUSPENDED", "RECOGNISED");
		assertThat(child(ours.get(0), RegisterFeed.NAMESPACE.getURI(), "reasons"))
			.isEqualTo("Attestation <late> & \"stale\".");
		assertThat(Instant.parse(child(root, ATOM, "updated"))).as("the feed is as new as its latest change")
			.isEqualTo(latestUpdate(root));

		Map<Long, JsonNode> audit = new HashMap<>();
		for (JsonNode entry : new ApiClient(rest, "admin")
			.get("/api/v1/audit?reference=" + approved.reference() + "&size=200")
			.json()) {
			audit.put(entry.get("seq").asLong(), entry);
		}
		List<String> kinds = new ArrayList<>();
		for (Element entry : ours) {
			long seq = Long.parseLong(child(entry, RegisterFeed.NAMESPACE.getURI(), "auditSequence"));
			String hash = child(entry, RegisterFeed.NAMESPACE.getURI(), "auditHash");
			assertThat(audit).as("audit entry %d of %s", seq, approved.reference()).containsKey(seq);
			assertThat(audit.get(seq).get("hash").asText()).isEqualTo(hash);
			assertThat(child(entry, ATOM, "summary")).contains("sequence " + seq, hash, approved.reference());
			assertThat(child(entry, ATOM, "id")).startsWith("urn:uuid:");
			kinds.add(audit.get(seq).get("kind").asText());
		}
		assertThat(kinds).containsExactly("REGISTER_STATUS_CHANGED", "REGISTER_ENTRY_ADDED");
		// the JSON's history names the same entries
		JsonNode history = entry(approved.reference()).get("history");
		assertThat(history.get(1).get("auditSeq").asLong())
			.isEqualTo(Long.parseLong(child(ours.get(0), RegisterFeed.NAMESPACE.getURI(), "auditSequence")));
		assertThat(history.get(1).get("auditHash").asText())
			.isEqualTo(child(ours.get(0), RegisterFeed.NAMESPACE.getURI(), "auditHash"));
	}

	/**
	 * The migration's back-fill, run again (and rolled back) over a token approved,
	 * suspended and reinstated by the code, makes the same history the code wrote: the
	 * recognition on the decision's day with its REGISTER_ENTRY_ADDED entry, each change
	 * from its REGISTER_STATUS_CHANGED entry.
	 */
	@Test
	void theMigrationsBackFillRebuildsTheHistoryFromTheAuditLog() throws Exception {
		ApiClient.Case approved = approved();
		ApplicationId id = ApplicationId.of(approved.id());
		LocalDate decided = LocalDate.parse(entry(approved.reference()).get("decisionDate").asText());
		changeOn(decided.plusDays(1), id, RegisterStatus.SUSPENDED, "Report late.");
		changeOn(decided.plusDays(2), id, RegisterStatus.RECOGNISED, "Report filed.");
		String migration = new String(
				getClass().getResourceAsStream("/db/migration/V16__register_history.sql").readAllBytes(),
				StandardCharsets.UTF_8);
		int start = migration.indexOf("INSERT INTO register_status_change");
		String backFill = migration.substring(start, migration.indexOf(";", start));
		String rows = """
				SELECT status, effective_on, reasons, actor, audit_seq, audit_hash FROM app.register_status_change
				WHERE reference = ? AND id %s ? ORDER BY id
				""";
		transactions.executeWithoutResult(transaction -> {
			long last = jdbc.sql("SELECT max(id) FROM app.register_status_change").query(Long.class).single();
			jdbc.sql("SET LOCAL search_path TO app").update();
			jdbc.sql(backFill).update();
			List<Map<String, Object>> written = jdbc.sql(rows.formatted("<="))
				.params(approved.reference(), last)
				.query()
				.listOfRows();
			List<Map<String, Object>> rebuilt = jdbc.sql(rows.formatted(">"))
				.params(approved.reference(), last)
				.query()
				.listOfRows();
			assertThat(written).hasSize(3);
			assertThat(rebuilt).isEqualTo(written);
			transaction.setRollbackOnly();
		});
	}

	@Test
	void theHistoryCannotBeRewrittenNorRemoved() {
		ApiClient.Case approved = approved();
		String reference = approved.reference();
		assertThatThrownBy(
				() -> jdbc.sql("UPDATE app.register_status_change SET reasons = 'rewritten' WHERE reference = ?")
					.param(reference)
					.update())
			.rootCause()
			.hasMessageContaining("append-only");
		assertThatThrownBy(
				() -> jdbc.sql("DELETE FROM app.register_status_change WHERE reference = ?").param(reference).update())
			.rootCause()
			.hasMessageContaining("append-only");
		assertThatThrownBy(() -> jdbc.sql("TRUNCATE app.register_status_change").update()).rootCause()
			.hasMessageContaining("append-only");
		assertThat(entry(reference).get("history")).hasSize(1);
	}

	/**
	 * Status, since when and the history, in the JSON, the CSV, the page and the feed.
	 */
	private JsonNode shownEverywhere(String reference, String status, LocalDate since, int changes) throws Exception {
		JsonNode entry = entry(reference);
		assertThat(entry.get("status").asText()).isEqualTo(status);
		assertThat(entry.get("statusSince").asText()).isEqualTo(since.toString());
		assertThat(entry.get("history")).hasSize(changes);
		JsonNode last = entry.get("history").get(changes - 1);
		assertThat(last.get("status").asText()).isEqualTo(status);
		assertThat(last.get("date").asText()).isEqualTo(since.toString());
		assertThat(last.get("auditHash").asText()).matches("[0-9a-f]{64}");

		CSVRecord row = csvRow(anonymous.get("/register.csv").body(), reference);
		assertThat(row.get("status")).isEqualTo(status);
		assertThat(row.get("status_since")).isEqualTo(since.toString());
		assertThat(row.get("history").lines()).hasSize(changes);
		assertThat(row.get("history").lines().toList().get(changes - 1)).startsWith(since + " " + status)
			.contains(last.get("auditHash").asText());

		String english = anonymous.get("/register?lang=en").body();
		String sinceEnglish = since.format(DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH));
		assertThat(english).contains(reference, "since " + sinceEnglish, "History (" + changes + " change(s))",
				last.get("auditHash").asText());
		String japanese = anonymous.get("/register?lang=ja").body();
		assertThat(japanese).contains(reference, since.format(DateTimeFormatter.ofPattern("yyyy年M月d日")) + "から",
				"履歴（" + changes + " 件の変更）");

		List<Element> inFeed = entriesOf(parse(anonymous.get("/register.atom").body()).getDocumentElement(), reference);
		assertThat(inFeed).hasSize(changes);
		assertThat(child(inFeed.get(0), RegisterFeed.NAMESPACE.getURI(), "status")).isEqualTo(status);
		assertThat(child(inFeed.get(0), RegisterFeed.NAMESPACE.getURI(), "auditHash"))
			.isEqualTo(last.get("auditHash").asText());
		return entry;
	}

	/**
	 * The change as the supervision process makes it: in a transaction, on the day the
	 * application's clock says.
	 */
	private void changeOn(LocalDate day, ApplicationId id, RegisterStatus to, String reasons) {
		ClockUtil.setCurrentTime(Date.from(day.atTime(11, 0).atZone(EngineClock.TOKYO).toInstant()));
		transactions.executeWithoutResult(status -> register.changeStatus(id, to, reasons, "decision"));
	}

	/**
	 * The canonical application, approved through the API by the users whose job it is.
	 */
	private ApiClient.Case approved() {
		ApiClient issuer = new ApiClient(rest, "issuer");
		ApiClient intake = new ApiClient(rest, "intake");
		ApiClient backing = new ApiClient(rest, "backing");
		ApiClient cooperation = new ApiClient(rest, "cooperation");
		ApiClient decision = new ApiClient(rest, "decision");
		ApiClient.Case submitted = issuer.submitCanonicalFrom(Fixtures.EQUIVALENT_HOME);
		String reference = submitted.reference();
		intake.complete(intake.taskId(reference, "checkCompleteness"), "{\"complete\": true}");
		backing.complete(backing.taskId(reference, "reviewBacking"), "{\"outcome\": \"SATISFACTORY\"}");
		cooperation.complete(cooperation.taskId(reference, "requestHomeConfirmation"), "{\"sent\": true}");
		cooperation.complete(cooperation.taskId(reference, "recordHomeReply"),
				"{\"confirmed\": true, \"arrangement\": \"MOU\", \"reference\": \"FINMA-FSA-2026\"}");
		ApiClient.Response decided = decision.complete(decision.taskId(reference, "decide"),
				"{\"decision\": \"APPROVE\", \"reasons\": \"Backing and audit in order.\"}");
		assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
		return submitted;
	}

	private JsonNode entry(String reference) {
		for (JsonNode candidate : anonymous.get("/api/v1/register").json()) {
			if (candidate.get("reference").asText().equals(reference)) {
				return candidate;
			}
		}
		throw new AssertionError("no register entry for " + reference);
	}

	private long auditEntries() {
		return jdbc.sql("SELECT count(*) FROM app.audit_entry").query(Long.class).single();
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

	/** Parsed as XML, namespace-aware, no DTD: a feed that is not well formed fails. */
	private static Document parse(String xml) throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
	}

	private static List<Element> entriesOf(Element feed, String reference) {
		List<Element> entries = new ArrayList<>();
		NodeList all = feed.getElementsByTagNameNS(ATOM, "entry");
		for (int i = 0; i < all.getLength(); i++) {
			Element entry = (Element) all.item(i);
			if (reference.equals(child(entry, RegisterFeed.NAMESPACE.getURI(), "reference"))) {
				entries.add(entry);
			}
		}
		return entries;
	}

	private static Instant latestUpdate(Element feed) {
		Instant latest = Instant.EPOCH;
		NodeList all = feed.getElementsByTagNameNS(ATOM, "entry");
		for (int i = 0; i < all.getLength(); i++) {
			Instant updated = Instant.parse(child((Element) all.item(i), ATOM, "updated"));
			latest = updated.isAfter(latest) ? updated : latest;
		}
		return latest;
	}

	private static String child(Element parent, String namespace, String name) {
		NodeList children = parent.getChildNodes();
		for (int i = 0; i < children.getLength(); i++) {
			if (children.item(i) instanceof Element element && namespace.equals(element.getNamespaceURI())
					&& name.equals(element.getLocalName())) {
				return element.getTextContent();
			}
		}
		return null;
	}

}
