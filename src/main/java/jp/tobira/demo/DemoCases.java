package jp.tobira.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import jp.tobira.application.Application;
import jp.tobira.application.ApplicationContent;
import jp.tobira.application.ApplicationId;
import jp.tobira.application.ApplicationService;
import jp.tobira.application.DocumentService;
import jp.tobira.application.DocumentType;
import jp.tobira.cooperation.EquivalenceStatus;
import jp.tobira.cooperation.Jurisdictions;
import jp.tobira.process.ApplicationProcess;
import jp.tobira.process.EngineClock;
import jp.tobira.process.EngineScript;
import jp.tobira.review.BackingReview;
import jp.tobira.review.CompletenessCheck;
import jp.tobira.review.DecisionTask;
import jp.tobira.review.HomeConfirmationRequest;
import jp.tobira.review.HomeRegulatorReply;
import jp.tobira.review.ReportAssessment;
import jp.tobira.review.ReviewTasks;
import jp.tobira.review.SuspensionDecision;
import jp.tobira.security.Actor;
import jp.tobira.security.DemoMode;
import jp.tobira.security.Group;
import jp.tobira.security.Organisations;
import jp.tobira.startup.StartupStep;
import jp.tobira.supervision.ReportingCalendar;
import jp.tobira.supervision.ReserveReportFiling;
import jp.tobira.supervision.ReserveReports;

/**
 * In demo mode, a new installation shows a living system: cases in every stage and every
 * ending (draft, completeness check, request for information, review, waiting for the
 * home regulator, escalated, decision, approved, rejected, withdrawn, lapsed), made
 * through the same services the screens and the API use, from the canonical application.
 * The cases are spread over the last five months: the engine's clock is moved to each
 * step's day as the step is taken (and reset afterwards), so statutory clocks, due dates,
 * overdue tasks, the ageing and the time spent per stage look like those of a working
 * office, and the timers fire as they would have. Each reviewer has a task or two
 * claimed, so "My tasks" is not empty. Runs once, on an empty database.
 */
@Component
class DemoCases extends StartupStep {

	private static final Logger log = LoggerFactory.getLogger(DemoCases.class);

	private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

	private final DemoMode demoMode;

	private final ApplicationService applications;

	private final DocumentService documents;

	private final ReviewTasks tasks;

	private final EngineScript engine;

	private final Jurisdictions jurisdictions;

	private final Organisations organisations;

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	private final ReserveReports reserveReports;

	private final ReportingCalendar reportingCalendar;

	DemoCases(DemoMode demoMode, ApplicationService applications, DocumentService documents, ReviewTasks tasks,
			EngineScript engine, Jurisdictions jurisdictions, Organisations organisations, JdbcClient jdbc,
			ObjectMapper json, ReserveReports reserveReports, ReportingCalendar reportingCalendar) {
		super(Sequence.DEMO_CASES);
		this.reserveReports = reserveReports;
		this.reportingCalendar = reportingCalendar;
		this.demoMode = demoMode;
		this.applications = applications;
		this.documents = documents;
		this.tasks = tasks;
		this.engine = engine;
		this.jurisdictions = jurisdictions;
		this.organisations = organisations;
		this.jdbc = jdbc;
		this.json = json;
	}

	@Override
	protected void runAtStart() {
		if (!demoMode.enabled() || !demoMode.cases()
				|| jdbc.sql("SELECT count(*) FROM app.application").query(Long.class).single() > 0) {
			return;
		}
		long start = System.nanoTime();
		List<ApplicationId> created = create();
		log.info("Demo mode: created {} cases over the last five months in {} ms", created.size(),
				(System.nanoTime() - start) / 1_000_000);
	}

	/** Creates the demo cases; answers their ids in the order of the list below. */
	List<ApplicationId> create() {
		// a definitive status rests on a determination, made before the oldest case
		// below (about five months ago) so that each Singapore token is recognised after
		// it
		LocalDate determinedOn = LocalDate.ofInstant(engine.now(), EngineClock.TOKYO).minusDays(200);
		jurisdictions.set("admin", "SG", "Singapore", EquivalenceStatus.EQUIVALENT, determinedOn,
				"FSA determination " + determinedOn.getYear() + "-0412", "demo data");
		jurisdictions.set("admin", "KY", "Cayman Islands", EquivalenceStatus.NOT_EQUIVALENT, determinedOn,
				"FSA determination " + determinedOn.getYear() + "-0413", "demo data");

		Actor issuer = issuer("issuer", "Example Trust Company, LLC");
		Actor issuer2 = issuer("issuer2", "Sample Stable Issuer Ltd.");
		Actor intake = staff("intake", Group.INTAKE);
		Actor backing = staff("backing", Group.BACKING_REVIEW);
		Actor cooperation = staff("cooperation", Group.COOPERATION);
		Actor decision = staff("decision", Group.DECISION);
		Actor decision2 = staff("decision2", Group.DECISION, Group.BACKING_REVIEW);
		Actor supervisor = staff("supervisor", Group.SUPERVISION);
		Timeline plan = new Timeline(engine.now());

		// a draft, not yet submitted
		Story draft = plan.story(issuer, token("Example Yen", "EXJ", "JPY"));
		plan.on(2, 15,
				() -> draft.id = applications
					.create(issuer, draft.content(2, t -> t.remove(List.of("reserves", "audit", "redemption"))))
					.id());

		// just submitted: the completeness check waits in the intake queue
		Story fresh = plan.story(issuer, token("Example Euro", "EXE", "EUR"));
		submit(plan, fresh, 3);

		// the completeness check claimed by intake and overdue
		Story claimedCheck = plan.story(issuer, token("Example Krona", "EXK", "SEK"));
		submit(plan, claimedCheck, 18);
		plan.on(16, 10, () -> claim(intake, claimedCheck, CompletenessCheck.KEY));

		// a request for information with the issuer: the clock is paused
		Story rfi = plan.story(issuer, token("Example Pound", "EXP", "GBP"));
		submit(plan, rfi, 22);
		plan.on(17, 11, () -> complete(intake, rfi, CompletenessCheck.KEY, "{\"complete\": false, \"missing\": "
				+ "[\"AUDIT_REPORT\"], \"message\": \"The audit report is not signed by the engagement partner. "
				+ "Please send the signed report.\"}"));

		// in review, both branches claimed and overdue
		Story review = plan.story(issuer2, t -> sampleStable(t, "Lion Dollar", "LSD", "SGD", "SG"));
		submit(plan, review, 75);
		plan.on(68, 10, () -> complete(intake, review, CompletenessCheck.KEY, COMPLETE));
		plan.on(66, 14, () -> claim(cooperation, review, HomeConfirmationRequest.KEY));
		plan.on(60, 9, () -> claim(backing, review, BackingReview.KEY));

		// in review, nobody has taken it yet
		Story unclaimedReview = plan.story(issuer, token("Example Krone", "EXN", "NOK"));
		submit(plan, unclaimedReview, 12);
		plan.on(7, 16, () -> complete(intake, unclaimedReview, CompletenessCheck.KEY, COMPLETE));

		// waiting for the home regulator's reply, within the time allowed
		Story awaitingReply = plan.story(issuer, token("Example Franc", "EXF", "CHF"));
		submit(plan, awaitingReply, 40);
		plan.on(35, 10, () -> complete(intake, awaitingReply, CompletenessCheck.KEY, COMPLETE));
		plan.on(30, 11, () -> complete(cooperation, awaitingReply, HomeConfirmationRequest.KEY, SENT));
		plan.on(25, 15, () -> complete(backing, awaitingReply, BackingReview.KEY, SATISFACTORY));

		// no reply within 45 days: the timer has escalated the task to the decision group
		Story escalated = plan.story(issuer2, t -> sampleStable(t, "Harbour Dollar", "HBD", "SGD", "SG"));
		submit(plan, escalated, 95);
		plan.on(90, 10, () -> complete(intake, escalated, CompletenessCheck.KEY, COMPLETE));
		plan.on(85, 10, () -> complete(cooperation, escalated, HomeConfirmationRequest.KEY, SENT));
		plan.on(75, 14, () -> complete(backing, escalated, BackingReview.KEY, SATISFACTORY));
		plan.on(40, 12, () -> engine.fireTimer(escalated.id, "homeReplyOverdue"));

		// at the decision, claimed by the decision-maker
		Story atDecision = plan.story(issuer, token("Example Dollar Plus", "EXDP", "USD"));
		submit(plan, atDecision, 58);
		plan.on(52, 10, () -> complete(intake, atDecision, CompletenessCheck.KEY, COMPLETE));
		plan.on(50, 11, () -> complete(cooperation, atDecision, HomeConfirmationRequest.KEY, SENT));
		plan.on(40, 15, () -> complete(backing, atDecision, BackingReview.KEY, SATISFACTORY));
		plan.on(30, 10, () -> complete(cooperation, atDecision, HomeRegulatorReply.KEY, CONFIRMED));
		plan.on(20, 9, () -> claim(decision, atDecision, DecisionTask.KEY));

		// approved with conditions, some months ago: the token is in the public register.
		// The legal gates hold at its decision: Singapore's framework is judged
		// equivalent, the reserves are segregated and bankruptcy-remote, the regulator
		// confirmed information sharing and the intermediary is named
		Story approved = plan.story(issuer2, t -> sampleStable(t, "Marina Dollar", "MRD", "SGD", "SG"));
		submit(plan, approved, 150);
		plan.on(144, 10, () -> complete(intake, approved, CompletenessCheck.KEY, COMPLETE));
		plan.on(140, 11, () -> complete(cooperation, approved, HomeConfirmationRequest.KEY, SENT));
		plan.on(125, 15, () -> complete(backing, approved, BackingReview.KEY, SATISFACTORY));
		plan.on(110, 10, () -> complete(cooperation, approved, HomeRegulatorReply.KEY, CONFIRMED));
		Instant recognised = plan
			.on(100, 14,
					() -> complete(decision, approved, DecisionTask.KEY, "{\"decision\": \"APPROVE_WITH_CONDITIONS\", "
							+ "\"conditions\": \"Monthly reserve attestations to be filed with the supervisor.\", "
							+ "\"reasons\": \"Backing and audit in order; the home framework is equivalent and the "
							+ "home regulator confirmed information sharing.\"}"));

		// rejected last month: the home framework is not equivalent
		Story rejected = plan.story(issuer2, t -> sampleStable(t, "Island Dollar", "ISD", "USD", "KY"));
		submit(plan, rejected, 65);
		plan.on(60, 10, () -> complete(intake, rejected, CompletenessCheck.KEY, COMPLETE));
		plan.on(50, 14, () -> complete(backing, rejected, BackingReview.KEY,
				"{\"outcome\": \"CONCERNS\", \"findings\": \"Reserves held with a single unrated custodian.\"}"));
		plan.on(36, 11, () -> complete(decision2, rejected, DecisionTask.KEY, "{\"decision\": \"REJECT\", \"reasons\": "
				+ "\"The home framework is not equivalent, and the reserves are not independently custodied.\"}"));

		// withdrawn by the issuer during the review
		Story withdrawn = plan.story(issuer2, t -> sampleStable(t, "Merlion Dollar", "MLD", "SGD", "SG"));
		submit(plan, withdrawn, 33);
		plan.on(28, 10, () -> complete(intake, withdrawn, CompletenessCheck.KEY, COMPLETE));
		plan.on(10, 17, () -> applications.withdraw(issuer2, withdrawn.id,
				"We are restructuring the reserve custody and will apply again."));

		// lapsed: the issuer did not answer the request for information within 30 days
		Story lapsed = plan.story(issuer, token("Example Rand", "EXR", "ZAR"));
		submit(plan, lapsed, 80);
		plan.on(74, 10, () -> complete(intake, lapsed, CompletenessCheck.KEY, "{\"complete\": false, \"missing\": "
				+ "[\"LEGAL_OPINION\"], \"message\": \"Please send the legal opinion on the trust structure.\"}"));
		plan.on(43, 9, () -> engine.fireTimer(lapsed.id, "completenessRfiLapsed"));

		// after recognition, the approved token's monthly reserve reports, each month's
		// timers fired when they fell due: the first month's report filed late (after its
		// due day, within the grace), the next flagged (a redemption slower than the
		// rulebook allows) and assessed as needing no action, the later ones on time; the
		// last month's report, due this month, not yet filed
		List<YearMonth> months = supervisedMonths(plan, recognised);
		for (int i = 0; i < months.size(); i++) {
			YearMonth month = months.get(i);
			LocalDate dueDay = reportingCalendar.dueDay(month);
			if (i == 0) {
				plan.at(dueDay.plusDays(2), 11, () -> file(issuer2, approved, month, CLEAN_RESERVES, 2));
			}
			else if (i == 1) {
				plan.at(dueDay.minusDays(4), 15, () -> file(issuer2, approved, month, CLEAN_RESERVES, 8));
				plan.at(dueDay.minusDays(2), 10,
						() -> completeSupervision(supervisor, approved, ReportAssessment.KEY,
								"{\"outcome\": \"NO_ACTION\", \"reasons\": \"One large redemption took eight "
										+ "business days over a bank holiday in Singapore; the others were paid within "
										+ "two. Watch next month's figures.\"}"));
			}
			else {
				plan.at(dueDay.minusDays(3), 14, () -> file(issuer2, approved, month, CLEAN_RESERVES, 2));
			}
		}
		timersOf(plan, approved, recognised);

		// recognised, then suspended: its first report short of the supply, the
		// supervisor's proposal, and a decision-maker's suspension (never the
		// proposer's);
		// the next month's report missing, followed up once its grace is over
		Story suspended = plan.story(issuer2, t -> sampleStable(t, "Strait Dollar", "STD", "SGD", "SG"));
		submit(plan, suspended, 140);
		plan.on(134, 10, () -> complete(intake, suspended, CompletenessCheck.KEY, COMPLETE));
		plan.on(130, 11, () -> complete(cooperation, suspended, HomeConfirmationRequest.KEY, SENT));
		plan.on(115, 15, () -> complete(backing, suspended, BackingReview.KEY, SATISFACTORY));
		plan.on(100, 10, () -> complete(cooperation, suspended, HomeRegulatorReply.KEY, CONFIRMED));
		Instant strait = plan.on(80, 11,
				() -> complete(decision2, suspended, DecisionTask.KEY,
						"{\"decision\": \"APPROVE\", \"reasons\": \"Backing and audit in order; the home framework is "
								+ "equivalent and the home regulator confirmed information sharing.\"}"));
		YearMonth first = reportingCalendar.firstPeriod(LocalDate.ofInstant(strait, EngineClock.TOKYO));
		LocalDate firstDue = reportingCalendar.dueDay(first);
		plan.at(firstDue.minusDays(5), 16, () -> file(issuer2, suspended, first, SHORT_RESERVES, 2));
		plan.at(firstDue.minusDays(4), 10,
				() -> completeSupervision(supervisor, suspended, ReportAssessment.KEY,
						"{\"outcome\": \"PROPOSE_SUSPENSION\", \"reasons\": \"Reserves cover 90% of the "
								+ "outstanding supply at the month's end, and the issuer has not explained the "
								+ "shortfall.\"}"));
		plan.at(firstDue.minusDays(1), 15,
				() -> completeSupervision(decision, suspended, SuspensionDecision.KEY,
						"{\"decision\": \"SUSPEND\", \"reasons\": \"Reserves short of the outstanding supply; "
								+ "suspended until a report shows full cover.\"}"));
		timersOf(plan, suspended, strait);

		plan.run();
		return plan.stories.stream().map(story -> story.id).toList();
	}

	private static final String COMPLETE = "{\"complete\": true}";

	private static final String SENT = "{\"sent\": true}";

	private static final String SATISFACTORY = "{\"outcome\": \"SATISFACTORY\"}";

	private static final String CONFIRMED = "{\"confirmed\": true, \"arrangement\": \"MOU\", "
			+ "\"reference\": \"NYDFS-MOU-2026-07\"}";

	/**
	 * Reserves and bills of a report whose reserves cover the supply of 1,000,000,000.
	 */
	private static final String[] CLEAN_RESERVES = { "1050000000.00", "350000000.00" };

	/** Reserves and bills of a report whose reserves cover 90% of the supply. */
	private static final String[] SHORT_RESERVES = { "900000000.00", "300000000.00" };

	/**
	 * The months a token recognised then reports on whose reports fall due by now: from
	 * the month of recognition to last month.
	 */
	private List<YearMonth> supervisedMonths(Timeline plan, Instant recognised) {
		List<YearMonth> months = new ArrayList<>();
		YearMonth last = YearMonth.from(plan.today).minusMonths(1);
		for (YearMonth month = reportingCalendar.firstPeriod(LocalDate.ofInstant(recognised, EngineClock.TOKYO)); !month
			.isAfter(last); month = month.plusMonths(1)) {
			months.add(month);
		}
		return months;
	}

	/**
	 * The supervision's timers of a token recognised then, fired when each falls due (the
	 * night after a month's due day, and after its grace), and at the end whatever else
	 * is due by now: no past month's timer is left for the job executor.
	 */
	private void timersOf(Timeline plan, Story story, Instant recognised) {
		for (YearMonth month : supervisedMonths(plan, recognised)) {
			plan.at(reportingCalendar.dueDay(month).plusDays(1), 1, () -> engine.fireDueSupervisionTimers(story.id));
			plan.at(reportingCalendar.graceEnds(month).plusDays(1), 1, () -> engine.fireDueSupervisionTimers(story.id));
		}
		plan.atTheEnd(() -> engine.fireDueSupervisionTimers(story.id));
	}

	/**
	 * The issuer's reserve report for a month, as of its last day, attested three days
	 * later, filed through the reports' service with an attestation of its own.
	 */
	private void file(Actor issuer, Story story, YearMonth month, String[] reservesAndBills, int longestDays) {
		LocalDate asOf = month.atEndOfMonth();
		java.math.BigDecimal bills = new java.math.BigDecimal(reservesAndBills[1]);
		java.math.BigDecimal half = new java.math.BigDecimal(reservesAndBills[0]).subtract(bills)
			.divide(java.math.BigDecimal.valueOf(2));
		String currency = "SGD";
		String report = """
				{"asOf": "%1$s", "outstandingSupply": "1000000000.00",
				 "reserves": {"asOf": "%1$s", "assets": [
				   {"assetClass": "CASH", "amount": "%2$s", "currency": "%5$s", "custodian": "DBS Bank Ltd."},
				   {"assetClass": "DEMAND_DEPOSIT", "amount": "%2$s", "currency": "%5$s",
				    "custodian": "Oversea-Chinese Banking Corporation"},
				   {"assetClass": "GOVERNMENT_BILL", "amount": "%3$s", "currency": "%5$s",
				    "custodian": "Standard Chartered Bank (Singapore)", "maturity": "%4$s"}]},
				 "attestationDate": "%6$s",
				 "redemptions": {"count": 14, "amount": "31000000.00", "longestBusinessDays": %7$d}}
				""".formatted(asOf, half.toPlainString(), bills.toPlainString(), asOf.plusDays(60), currency,
				asOf.plusDays(3), longestDays);
		try {
			ReserveReportFiling filing = json.readValue(report, ReserveReportFiling.class);
			String reference = applications.get(issuer, story.id).reference().value();
			reserveReports.file(issuer, story.id, filing,
					new DocumentService.Upload(
							pdf(reference + " — reserve attestation for " + month + " (demo document)"),
							"attestation-" + month + ".pdf", "application/pdf"));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void completeSupervision(Actor actor, Story story, String taskKey, String form) {
		tasks.complete(actor, engine.openSupervisionTask(story.id, taskKey), read(form));
	}

	/** The draft with its eight documents on one day, submitted an hour later. */
	private void submit(Timeline plan, Story story, int daysAgo) {
		plan.on(daysAgo, 9, () -> {
			Application draft = applications.create(story.issuer, story.content(daysAgo, t -> {
			}));
			story.id = draft.id();
			for (DocumentType type : DocumentType.required()) {
				documents.upload(story.issuer, draft.id(), type,
						new DocumentService.Upload(pdf(draft.reference() + " — " + type + " (demo document)"),
								type.name().toLowerCase().replace('_', '-') + ".pdf", "application/pdf"));
			}
		});
		plan.on(daysAgo, 10, () -> applications.submit(story.issuer, story.id));
	}

	private void complete(Actor actor, Story story, String taskKey, String form) {
		tasks.complete(actor, engine.openTask(story.id, taskKey), read(form));
	}

	private void claim(Actor actor, Story story, String taskKey) {
		tasks.claim(actor, engine.openTask(story.id, taskKey));
	}

	/**
	 * The steps of all the stories, taken in the order of their time, so the audit log
	 * runs forward in time as it would have; each step runs with the engine's clock set
	 * to its time.
	 */
	private final class Timeline {

		private final Instant now;

		private final LocalDate today;

		private final List<Story> stories = new ArrayList<>();

		private final List<Step> steps = new ArrayList<>();

		private Story current;

		Timeline(Instant now) {
			this.now = now;
			this.today = LocalDate.ofInstant(now, EngineClock.TOKYO);
		}

		Story story(Actor issuer, Consumer<ObjectNode> change) {
			current = new Story(issuer, change);
			stories.add(current);
			return current;
		}

		/**
		 * A step of the current story, on a working day about {@code daysAgo} days ago,
		 * at {@code hour} in Tokyo.
		 */
		Instant on(int daysAgo, int hour, Runnable action) {
			LocalDate day = today.minusDays(daysAgo);
			while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
				day = day.minusDays(1);
			}
			return add(day.atTime(hour, 0).atZone(EngineClock.TOKYO).toInstant(), action);
		}

		/**
		 * A step on that day at {@code hour} in Tokyo, not moved off a weekend (a timer
		 * fires any day), nor kept in the current story's order; one after now is not
		 * taken.
		 */
		void at(LocalDate day, int hour, Runnable action) {
			Instant at = day.atTime(hour, 0).atZone(EngineClock.TOKYO).toInstant();
			if (!at.isAfter(now)) {
				steps.add(new Step(at, steps.size(), action));
			}
		}

		/** A step now, after every other. */
		void atTheEnd(Runnable action) {
			steps.add(new Step(now, Integer.MAX_VALUE - steps.size(), action));
		}

		private Instant add(Instant at, Runnable action) {
			if (at.isAfter(now)) {
				at = now;
			}
			// a story's steps keep their order even where a weekend moves one onto the
			// day before
			if (current.last != null && at.isBefore(current.last)) {
				at = current.last;
			}
			current.last = at;
			steps.add(new Step(at, steps.size(), action));
			return at;
		}

		void run() {
			steps.sort(Comparator.comparing(Step::at).thenComparing(Step::order));
			try {
				for (Step step : steps) {
					engine.moveClockTo(step.at());
					step.action().run();
				}
			}
			finally {
				engine.resetClock();
			}
		}

	}

	private record Step(Instant at, int order, Runnable action) {
	}

	/**
	 * One demo case: who applies, how its application differs from the canonical one, and
	 * its id once created.
	 */
	private final class Story {

		final Actor issuer;

		final Consumer<ObjectNode> change;

		ApplicationId id;

		Instant last;

		Story(Actor issuer, Consumer<ObjectNode> change) {
			this.issuer = issuer;
			this.change = change;
		}

		/**
		 * The application as prepared {@code daysAgo} days ago: every date in it moved
		 * back by as many days, so its attestation was as fresh then as the canonical one
		 * is today.
		 */
		ApplicationContent content(int daysAgo, Consumer<ObjectNode> more) {
			return variant(change.andThen(t -> shiftDates(t, daysAgo)).andThen(more));
		}

	}

	private static Consumer<ObjectNode> token(String name, String symbol, String currency) {
		return t -> {
			((ObjectNode) t.get("token")).put("name", name).put("symbol", symbol);
			peggedTo(t, currency);
		};
	}

	/**
	 * The token pegged to a currency, and its reserves held in it, as an issuer in order
	 * holds them.
	 */
	private static void peggedTo(ObjectNode content, String currency) {
		((ObjectNode) content.get("token")).put("peggedCurrency", currency);
		content.at("/reserves/assets").forEach(asset -> ((ObjectNode) asset).put("currency", currency));
	}

	private static void shiftDates(JsonNode node, int days) {
		if (node instanceof ObjectNode object) {
			object.fieldNames().forEachRemaining(field -> {
				JsonNode value = object.get(field);
				if (value.isTextual() && DATE.matcher(value.asText()).matches()) {
					object.put(field, LocalDate.parse(value.asText()).minusDays(days).toString());
				}
				else {
					shiftDates(value, days);
				}
			});
		}
		else if (node instanceof ArrayNode array) {
			array.forEach(element -> shiftDates(element, days));
		}
	}

	private ApplicationContent variant(Consumer<ObjectNode> change) {
		try (InputStream in = new ClassPathResource("examples/application.json").getInputStream()) {
			ObjectNode content = (ObjectNode) json.readTree(in);
			change.accept(content);
			return json.treeToValue(content, ApplicationContent.class);
		}
		catch (IOException ex) {
			throw new IllegalStateException("The demo application cannot be read", ex);
		}
	}

	private static void sampleStable(ObjectNode content, String token, String symbol, String currency,
			String jurisdiction) {
		((ObjectNode) content.get("issuer")).put("legalName", "Sample Stable Issuer Ltd.")
			.put("registrationNumber", "SSI-2019-0077")
			.put("jurisdiction", jurisdiction)
			.put("homeRegulator",
					"SG".equals(jurisdiction) ? "Monetary Authority of Singapore" : "Cayman Islands Monetary Authority")
			.put("licenceReference", "MPI-2024-0311")
			.put("address", "1 Demo Quay, #10-01, Singapore 049315")
			.put("contactEmail", "compliance@sample-stable.test");
		((ObjectNode) content.get("token")).put("name", token).put("symbol", symbol);
		peggedTo(content, currency);
	}

	private JsonNode read(String form) {
		try {
			return json.readTree(form);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Actor issuer(String username, String organisation) {
		return new Actor(username, Set.of(Group.ISSUER), organisations.findByName(organisation).orElseThrow());
	}

	private static Actor staff(String username, Group... groups) {
		return new Actor(username, Set.of(groups), null);
	}

	/** A small real PDF, so that demo documents open in a browser like any other. */
	static byte[] pdf(String text) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Document document = new Document();
		try {
			PdfWriter.getInstance(document, out);
			document.open();
			document.add(new Paragraph(text));
		}
		catch (DocumentException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			document.close();
		}
		return out.toByteArray();
	}

}
