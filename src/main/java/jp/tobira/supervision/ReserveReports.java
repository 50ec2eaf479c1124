package jp.tobira.supervision;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Validator;
import jakarta.validation.groups.Default;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jp.tobira.application.Application;
import jp.tobira.application.ApplicationContent;
import jp.tobira.application.ApplicationId;
import jp.tobira.application.ApplicationNotFound;
import jp.tobira.application.ApplicationService;
import jp.tobira.application.CoverageRatio;
import jp.tobira.application.Document;
import jp.tobira.application.DocumentService;
import jp.tobira.audit.AuditKind;
import jp.tobira.audit.AuditLog;
import jp.tobira.checks.AutomaticChecks;
import jp.tobira.checks.CheckReport;
import jp.tobira.checks.CheckResult;
import jp.tobira.checks.Flag;
import jp.tobira.checks.PreScreenEvaluation;
import jp.tobira.decision.Register;
import jp.tobira.decision.RegisterStatus;
import jp.tobira.rulebook.Rulebook;
import jp.tobira.rulebook.RulebookVersion;
import jp.tobira.security.Actor;
import jp.tobira.validation.Complete;
import jp.tobira.validation.FieldProblem;
import jp.tobira.validation.InvalidInput;
import jp.tobira.validation.Phrase;

/**
 * The monthly reserve reports of recognised tokens (DESIGN.md §10): filed by the case's
 * issuer for a token the register shows recognised or suspended, checked under the
 * rulebook version in force on filing, and stored with what the checks measured then. A
 * second report of a month is its next version; nothing is ever overwritten. Filing is
 * audited as {@code RESERVE_REPORT_FILED} and published as {@link ReserveReportFiled},
 * both in the filing's transaction.
 */
@Service
public class ReserveReports {

	private final ApplicationService applications;

	private final DocumentService documents;

	private final Register register;

	private final Rulebook rulebook;

	private final AutomaticChecks checks;

	private final Validator validator;

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	private final AuditLog auditLog;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final int maxFilingsPerMonth;

	ReserveReports(ApplicationService applications, DocumentService documents, Register register, Rulebook rulebook,
			AutomaticChecks checks, Validator validator, JdbcClient jdbc, ObjectMapper json, AuditLog auditLog,
			ApplicationEventPublisher events, Clock clock, SupervisionSettings settings) {
		this.maxFilingsPerMonth = settings.maxFilingsPerMonth();
		this.applications = applications;
		this.documents = documents;
		this.register = register;
		this.rulebook = rulebook;
		this.checks = checks;
		this.validator = validator;
		this.jdbc = jdbc;
		this.json = json;
		this.auditLog = auditLog;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Files a month's report by an issuer user of the case's organisation (another's case
	 * is not found). Refused, with nothing stored, for a token not recognised or
	 * suspended, for a month not over, or for figures that break a rule; the attestation
	 * is held to every upload's checks.
	 * @return the stored report, its version numbered under the case's row lock
	 */
	@Transactional
	public ReserveReport file(Actor actor, ApplicationId id, ReserveReportFiling filing,
			DocumentService.Upload attestation) {
		Application application = openForFiling(actor, id);
		LocalDate today = LocalDate.now(clock);
		List<FieldProblem> problems = problemsOf(filing, today);
		if (!problems.isEmpty()) {
			throw new InvalidInput(problems);
		}
		// locks the case's row: two filings of one month are numbered one after the other
		Document document = documents.storeAttestation(actor, id, attestation);
		// under that lock: each filing brings an attestation, bounded per calendar month
		// (refused here, the attestation goes with the transaction)
		long thisMonth = jdbc.sql("SELECT count(*) FROM app.reserve_report WHERE application_id = ? AND filed_at >= ?")
			.params(id.value(),
					java.sql.Timestamp.from(today.withDayOfMonth(1).atStartOfDay(clock.getZone()).toInstant()))
			.query(Long.class)
			.single();
		if (thisMonth >= maxFilingsPerMonth) {
			throw new TooManyFilings(application.reference().value(), maxFilingsPerMonth);
		}
		YearMonth period = YearMonth.from(filing.asOf());
		int version = jdbc
			.sql("SELECT coalesce(max(version), 0) + 1 FROM app.reserve_report WHERE application_id = ? AND period = ?")
			.params(id.value(), period.toString())
			.query(Integer.class)
			.single();
		RulebookVersion inForce = rulebook.inForce();
		CheckReport report = checks.run(inForce,
				new AutomaticChecks.ReserveFigures(filing.asOf(), application.content().token().peggedCurrency(),
						filing.outstandingSupply(), filing.reserves(), filing.attestationDate(),
						filing.redemptions().longestBusinessDays()));
		List<PreScreenEvaluation.Check> measured = new ArrayList<>();
		for (CheckResult result : report.results()) {
			measured.add(new PreScreenEvaluation.Check(result.check(), PreScreenEvaluation.Result.of(result),
					result.measured(), result.limit(), result.flag(), null));
		}
		BigDecimal total = filing.reserves().total();
		ReserveReport filed = new ReserveReport(UUID.randomUUID(), id, period, version, filing.asOf(),
				filing.outstandingSupply(), filing.reserves(), total,
				CoverageRatio.of(total, filing.outstandingSupply()).orElseThrow().value(), filing.attestationDate(),
				document.id(), filing.redemptions(), inForce.version(), inForce.thresholdsInForce(), measured,
				report.flags(), actor.username(), clock.instant());
		insert(filed);
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("reportId", filed.id().toString());
		payload.put("period", period.toString());
		payload.put("version", version);
		payload.put("asOf", filed.asOf().toString());
		payload.put("coverageRatio", filed.coverageRatio().toPlainString());
		payload.put("flags", filed.flags().stream().map(Flag::name).toList());
		payload.put("rulebookVersion", inForce.version());
		payload.put("attestationDocumentId", document.id().toString());
		auditLog.append(actor.username(), application.reference().value(), AuditKind.RESERVE_REPORT_FILED, payload);
		events.publishEvent(
				new ReserveReportFiled(id, application.reference(), filed.id(), period, version, filed.flagged()));
		return filed;
	}

	/**
	 * The case, if its issuer may file a report for it now: the caller is one of the
	 * case's issuer users (another's case is not found, staff are refused) and the
	 * register shows its token recognised or suspended (otherwise 409, naming its
	 * status). What {@link #file} asks first, for a form to ask before it is filled in.
	 */
	@Transactional(readOnly = true)
	public Application openForFiling(Actor actor, ApplicationId id) {
		Application application = applications.get(actor, id);
		if (!actor.isIssuer()) {
			throw new AccessDeniedException("Only the issuer's own users file reserve reports.");
		}
		RegisterStatus status = register.statusOf(id).orElse(null);
		if (status != RegisterStatus.RECOGNISED && status != RegisterStatus.SUSPENDED) {
			throw new TokenNotSupervised(application.reference().value(),
					status == null ? Phrase.of("status." + application.status()) : status.name());
		}
		return application;
	}

	/** Every report of a case, for whoever may see the case: by month, then version. */
	@Transactional(readOnly = true)
	public List<ReserveReport> reportsOf(Actor actor, ApplicationId id) {
		applications.get(actor, id);
		return reportsOf(id);
	}

	/**
	 * Every report of a case by month, then version, with no access check: for the
	 * supervision process and the reporting calendar.
	 */
	public List<ReserveReport> reportsOf(ApplicationId id) {
		return jdbc.sql("SELECT * FROM app.reserve_report WHERE application_id = ? ORDER BY period, version")
			.param(id.value())
			.query(this::map)
			.list();
	}

	/** One report, for whoever may see the case; another case's report is not found. */
	@Transactional(readOnly = true)
	public ReserveReport report(Actor actor, ApplicationId id, UUID reportId) {
		applications.get(actor, id);
		return jdbc.sql("SELECT * FROM app.reserve_report WHERE application_id = ? AND id = ?")
			.params(id.value(), reportId)
			.query(this::map)
			.optional()
			.orElseThrow(() -> new ApplicationNotFound(id + "/reserve-reports/" + reportId));
	}

	/**
	 * Every rule a filing breaks, each named by its field: the figures' own (as an
	 * application's reserves), and the month's: as of its last day, over, the reserves of
	 * that month.
	 */
	List<FieldProblem> problemsOf(ReserveReportFiling filing, LocalDate today) {
		if (filing == null) {
			return List.of(FieldProblem.of("report", "problem.required"));
		}
		List<FieldProblem> problems = new ArrayList<>(
				InvalidInput.problemsOf(validator.validate(filing, Default.class, Complete.class)));
		problems.addAll(periodProblems(filing, today));
		return problems;
	}

	/** The rules of the month reported on, apart from the figures' own. */
	static List<FieldProblem> periodProblems(ReserveReportFiling filing, LocalDate today) {
		List<FieldProblem> problems = new ArrayList<>();
		LocalDate asOf = filing.asOf();
		if (asOf != null) {
			YearMonth period = YearMonth.from(asOf);
			if (!asOf.equals(period.atEndOfMonth())) {
				problems.add(FieldProblem.of("asOf", "problem.reserveReport.notMonthEnd", asOf.toString(),
						period.atEndOfMonth().toString()));
			}
			else if (asOf.isAfter(today)) {
				problems.add(FieldProblem.of("asOf", "problem.reserveReport.monthNotOver", period.toString(),
						asOf.toString()));
			}
			LocalDate reservesAsOf = filing.reserves() == null ? null : filing.reserves().asOf();
			if (reservesAsOf != null && !YearMonth.from(reservesAsOf).equals(period)) {
				problems.add(FieldProblem.of("reserves.asOf", "problem.reserveReport.reservesOutsideMonth",
						reservesAsOf.toString(), period.toString()));
			}
			else if (reservesAsOf != null && reservesAsOf.isAfter(asOf)) {
				problems.add(FieldProblem.of("reserves.asOf", "problem.reserveReport.reservesOutsideMonth",
						reservesAsOf.toString(), period.toString()));
			}
		}
		ReserveReportFiling.Redemptions redemptions = filing.redemptions();
		if (redemptions != null && redemptions.count() != null && redemptions.count() == 0
				&& ((redemptions.amount() != null && redemptions.amount().signum() > 0)
						|| (redemptions.longestBusinessDays() != null && redemptions.longestBusinessDays() > 0))) {
			problems.add(FieldProblem.of("redemptions", "problem.reserveReport.noRedemptions"));
		}
		return problems;
	}

	private void insert(ReserveReport report) {
		Map<String, Object> reserves = new LinkedHashMap<>();
		reserves.put("asOf", report.reserves().asOf().toString());
		reserves.put("assets", report.reserves().assets());
		jdbc.sql("""
				INSERT INTO app.reserve_report (id, application_id, period, version, as_of, outstanding_supply,
				    reserves, reserves_total, coverage_ratio, attestation_date, attestation_document_id,
				    redemption_count, redemption_amount, redemption_longest_business_days, rulebook_version,
				    thresholds, checks, flags, filed_by, filed_at)
				VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?)
				""")
			.params(report.id(), report.applicationId().value(), report.period().toString(), report.version(),
					report.asOf(), report.outstandingSupply(), write(reserves), report.reservesTotal(),
					report.coverageRatio(), report.attestationDate(), report.attestationDocumentId(),
					report.redemptions().count(), report.redemptions().amount(),
					report.redemptions().longestBusinessDays(), report.rulebookVersion(), write(report.thresholds()),
					write(PreScreenEvaluation.json(report.checks())),
					write(report.flags().stream().map(Flag::name).toList()), report.filedBy(),
					Timestamp.from(report.filedAt()))
			.update();
	}

	private ReserveReport map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		try {
			JsonNode reserves = json.readTree(rs.getString("reserves"));
			List<Flag> flags = new ArrayList<>();
			json.readTree(rs.getString("flags")).forEach(flag -> flags.add(Flag.valueOf(flag.asText())));
			@SuppressWarnings("unchecked")
			Map<String, Object> thresholds = json.readValue(rs.getString("thresholds"), LinkedHashMap.class);
			return new ReserveReport(rs.getObject("id", UUID.class),
					new ApplicationId(rs.getObject("application_id", UUID.class)),
					YearMonth.parse(rs.getString("period")), rs.getInt("version"),
					rs.getObject("as_of", LocalDate.class), rs.getBigDecimal("outstanding_supply"),
					json.treeToValue(reserves, ApplicationContent.Reserves.class), rs.getBigDecimal("reserves_total"),
					rs.getBigDecimal("coverage_ratio"), rs.getObject("attestation_date", LocalDate.class),
					rs.getObject("attestation_document_id", UUID.class),
					new ReserveReportFiling.Redemptions(rs.getInt("redemption_count"),
							rs.getBigDecimal("redemption_amount"), rs.getInt("redemption_longest_business_days")),
					rs.getInt("rulebook_version"), thresholds,
					PreScreenEvaluation.checks(json.readTree(rs.getString("checks"))), flags, rs.getString("filed_by"),
					rs.getTimestamp("filed_at").toInstant());
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("A stored reserve report cannot be read", ex);
		}
	}

	private String write(Object value) {
		try {
			return json.writeValueAsString(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
