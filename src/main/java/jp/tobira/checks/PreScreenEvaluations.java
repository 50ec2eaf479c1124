package jp.tobira.checks;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.MessageSource;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import jp.tobira.application.ApplicationContent;
import jp.tobira.application.ApplicationId;
import jp.tobira.audit.AuditKind;
import jp.tobira.audit.AuditLog;
import jp.tobira.cooperation.EquivalenceStatus;
import jp.tobira.cooperation.Jurisdictions;
import jp.tobira.rulebook.Rulebook;
import jp.tobira.rulebook.RulebookVersion;
import jp.tobira.security.Actor;

/**
 * The pre-screen's evaluations of a case, stored as they ran: the screens, the API and
 * the decision letter read them from here and never recompute them. The process stores
 * the pre-screen in two steps of one transaction: the checks with the configuration they
 * ran under ({@link #measurePreScreen}), then the pre-screen table's rules that fired
 * ({@link #completePreScreen}), which also appends {@code PRE_SCREEN_COMPLETED} to the
 * audit log. The task screen shows today's run of {@link AutomaticChecks} beside it,
 * labelled and stored nowhere; a reviewer may store one ({@link #reRun}), kept and
 * audited as a re-run beside the pre-screen. Templates call it as
 * {@code @preScreenEvaluations}.
 */
@Service("preScreenEvaluations")
public class PreScreenEvaluations {

	private final Rulebook rulebook;

	private final Jurisdictions jurisdictions;

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	private final AuditLog auditLog;

	private final Clock clock;

	private final MessageSource messages;

	private final PreScreenTable table;

	PreScreenEvaluations(Rulebook rulebook, Jurisdictions jurisdictions, JdbcClient jdbc, ObjectMapper json,
			AuditLog auditLog, Clock clock, MessageSource messages, PreScreenTable table) {
		this.messages = messages;
		this.table = table;
		this.rulebook = rulebook;
		this.jurisdictions = jurisdictions;
		this.jdbc = jdbc;
		this.json = json;
		this.auditLog = auditLog;
		this.clock = clock;
	}

	/**
	 * Runs the checks for the process's pre-screen and stores them; the rules follow in
	 * the same transaction.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public PreScreenEvaluation measurePreScreen(ApplicationId id, ApplicationContent content, LocalDate asOf) {
		PreScreenEvaluation evaluation = measure(id, PreScreenEvaluation.Kind.PRE_SCREEN, Actor.SYSTEM.username(),
				content, asOf);
		jdbc.sql("""
				INSERT INTO app.pre_screen_evaluation
				    (id, application_id, kind, evaluated_by, evaluated_at, as_of, configuration, checks, rules)
				VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, NULL)
				""")
			.params(evaluation.id(), id.value(), evaluation.kind().name(), evaluation.evaluatedBy(),
					Timestamp.from(evaluation.evaluatedAt()), evaluation.asOf(),
					write(PreScreenEvaluation.json(evaluation.configuration())),
					write(PreScreenEvaluation.json(evaluation.checks())))
			.update();
		return evaluation;
	}

	/**
	 * Completes the pre-screen measured in this transaction with the rules the pre-screen
	 * table fired (each {@code flag}, {@code rule}, {@code advice}), gives each failed
	 * check the rule that fired for its flag, and audits the whole evaluation as
	 * {@code PRE_SCREEN_COMPLETED} by {@code system}.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public PreScreenEvaluation completePreScreen(ApplicationId id, List<Map<String, Object>> fired) {
		PreScreenEvaluation measured = jdbc.sql("""
				SELECT * FROM app.pre_screen_evaluation
				WHERE application_id = ? AND kind = 'PRE_SCREEN' AND rules IS NULL
				ORDER BY evaluated_at DESC LIMIT 1
				""")
			.param(id.value())
			.query(this::map)
			.optional()
			.orElseThrow(() -> new IllegalStateException("No pre-screen measured for " + id + " in this transaction"));
		PreScreenEvaluation evaluation = withRules(measured, fired);
		jdbc.sql("UPDATE app.pre_screen_evaluation SET checks = ?::jsonb, rules = ?::jsonb WHERE id = ?")
			.params(write(PreScreenEvaluation.json(evaluation.checks())),
					write(PreScreenEvaluation.rulesJson(evaluation.rules())), evaluation.id())
			.update();
		auditLog.append(Actor.SYSTEM.username(), referenceOf(id), AuditKind.PRE_SCREEN_COMPLETED,
				auditPayload(evaluation));
		return evaluation;
	}

	/**
	 * A reviewer's re-run under the rulebook version in force now, through the same
	 * decision table, stored beside the pre-screen as {@code RE_RUN} and audited as
	 * {@code PRE_SCREEN_COMPLETED} by the reviewer. It changes neither the pre-screen nor
	 * the case's flags: the pre-screen stays the record they come from.
	 */
	@Transactional
	public PreScreenEvaluation reRun(String reviewer, ApplicationId id, ApplicationContent content, LocalDate asOf) {
		PreScreenEvaluation measured = measure(id, PreScreenEvaluation.Kind.RE_RUN, reviewer, content, asOf);
		PreScreenEvaluation evaluation = withRules(measured, table.fire(measured));
		jdbc.sql("""
				INSERT INTO app.pre_screen_evaluation
				    (id, application_id, kind, evaluated_by, evaluated_at, as_of, configuration, checks, rules)
				VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb)
				""")
			.params(evaluation.id(), id.value(), evaluation.kind().name(), evaluation.evaluatedBy(),
					Timestamp.from(evaluation.evaluatedAt()), evaluation.asOf(),
					write(PreScreenEvaluation.json(evaluation.configuration())),
					write(PreScreenEvaluation.json(evaluation.checks())),
					write(PreScreenEvaluation.rulesJson(evaluation.rules())))
			.update();
		auditLog.append(reviewer, referenceOf(id), AuditKind.PRE_SCREEN_COMPLETED, auditPayload(evaluation));
		return evaluation;
	}

	/**
	 * The measured checks with the table's rules: each failed check gets the rule that
	 * fired for its flag.
	 */
	private static PreScreenEvaluation withRules(PreScreenEvaluation measured, List<Map<String, Object>> fired) {
		List<PreScreenEvaluation.FiredRule> rules = fired.stream()
			.map(rule -> new PreScreenEvaluation.FiredRule(string(rule.get("flag")), string(rule.get("rule")),
					string(rule.get("advice"))))
			.toList();
		List<PreScreenEvaluation.Check> checks = measured.checks().stream().map(check -> {
			String rule = check.flag() == null ? null
					: rules.stream()
						.filter(r -> check.flag().name().equals(r.flag()))
						.map(r -> r.rule())
						.findFirst()
						.orElse(null);
			return new PreScreenEvaluation.Check(check.code(), check.result(), check.value(), check.threshold(),
					check.flag(), rule);
		}).toList();
		return new PreScreenEvaluation(measured.id(), measured.applicationId(), measured.kind(), measured.evaluatedBy(),
				measured.evaluatedAt(), measured.asOf(), measured.configuration(), checks, rules);
	}

	private String referenceOf(ApplicationId id) {
		return jdbc.sql("SELECT reference FROM app.application WHERE id = ?")
			.param(id.value())
			.query(String.class)
			.single();
	}

	/**
	 * The evaluation the process made, the record every screen shows; empty before the
	 * pre-screen has run.
	 */
	public Optional<PreScreenEvaluation> preScreenOf(ApplicationId id) {
		return jdbc.sql("""
				SELECT * FROM app.pre_screen_evaluation
				WHERE application_id = ? AND kind = 'PRE_SCREEN' AND rules IS NOT NULL
				ORDER BY evaluated_at DESC LIMIT 1
				""").param(id.value()).query(this::map).optional();
	}

	/** The re-runs stored beside the pre-screen, oldest first. */
	public List<PreScreenEvaluation> reRunsOf(ApplicationId id) {
		return of(id).stream().filter(e -> e.kind() == PreScreenEvaluation.Kind.RE_RUN).toList();
	}

	/** Every stored evaluation of a case, oldest first. */
	public List<PreScreenEvaluation> of(ApplicationId id) {
		return jdbc.sql("""
				SELECT * FROM app.pre_screen_evaluation WHERE application_id = ? AND rules IS NOT NULL
				ORDER BY evaluated_at, id
				""").param(id.value()).query(this::map).list();
	}

	/**
	 * A {@code PRE_SCREEN_COMPLETED} entry's payload read back as the evaluation it
	 * records, for a timeline; empty for a payload of another shape.
	 */
	public Optional<PreScreenEvaluation> fromAuditPayload(String payload) {
		try {
			JsonNode node = json.readTree(payload);
			if (!node.has("checks") || !node.has("configuration")) {
				return Optional.empty();
			}
			return Optional.of(new PreScreenEvaluation(uuid(node.get("evaluationId")), uuid(node.get("applicationId")),
					PreScreenEvaluation.Kind.valueOf(node.path("kind").asText("PRE_SCREEN")),
					node.path("evaluatedBy").asText(Actor.SYSTEM.username()),
					java.time.Instant.parse(node.get("evaluatedAt").asText()),
					LocalDate.parse(node.get("asOf").asText()),
					PreScreenEvaluation.configuration(node.get("configuration")),
					PreScreenEvaluation.checks(node.get("checks")), PreScreenEvaluation.rules(node.get("flags"))));
		}
		catch (JsonProcessingException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	/**
	 * A stored phrase in a reader's language (for the letters, which are written outside
	 * a page's locale): nested phrases and lists of them put into words first, as
	 * {@code Phrase.english()} does.
	 */
	public String text(jp.tobira.validation.Phrase phrase, java.util.Locale locale) {
		return messages.getMessage(new DefaultMessageSourceResolvable(new String[] { phrase.key() },
				words(phrase.arguments(), locale), phrase.english()), locale);
	}

	private Object[] words(List<Object> arguments, java.util.Locale locale) {
		return arguments.stream().map(argument -> word(argument, locale)).toArray();
	}

	private Object word(Object argument, java.util.Locale locale) {
		if (argument instanceof jp.tobira.validation.Phrase nested) {
			return messages.getMessage(nested.key(), words(nested.arguments(), locale), locale);
		}
		if (argument instanceof List<?> items) {
			return items.stream()
				.map(item -> String.valueOf(word(item, locale)))
				.collect(java.util.stream.Collectors.joining(", "));
		}
		return argument;
	}

	/**
	 * The audit payload: the flags with their rules, every check's value, threshold,
	 * result and rule, the configuration.
	 */
	static Map<String, Object> auditPayload(PreScreenEvaluation evaluation) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("evaluationId", evaluation.id().toString());
		payload.put("applicationId", evaluation.applicationId().toString());
		payload.put("kind", evaluation.kind().name());
		payload.put("evaluatedBy", evaluation.evaluatedBy());
		payload.put("evaluatedAt", evaluation.evaluatedAt().toString());
		payload.put("asOf", evaluation.asOf().toString());
		payload.put("configuration", PreScreenEvaluation.json(evaluation.configuration()));
		payload.put("flags", PreScreenEvaluation.rulesJson(evaluation.rules()));
		payload.put("checks", PreScreenEvaluation.json(evaluation.checks()));
		return payload;
	}

	private PreScreenEvaluation measure(ApplicationId id, PreScreenEvaluation.Kind kind, String actor,
			ApplicationContent content, LocalDate asOf) {
		// the status the jurisdiction check read, kept as the configuration it ran under
		AtomicReference<EquivalenceStatus> used = new AtomicReference<>();
		RulebookVersion version = rulebook.inForce();
		AutomaticChecks checks = new AutomaticChecks(() -> version, code -> {
			EquivalenceStatus status = jurisdictions.statusOf(code);
			used.set(status);
			return status;
		});
		CheckReport report = checks.run(version, content, asOf);
		List<PreScreenEvaluation.Check> results = new ArrayList<>();
		for (CheckResult result : report.results()) {
			results.add(new PreScreenEvaluation.Check(result.check(), PreScreenEvaluation.Result.of(result),
					result.measured(), result.limit(), result.flag(), null));
		}
		String jurisdiction = content.issuer() == null ? null : content.issuer().jurisdiction();
		PreScreenEvaluation.Configuration configuration = new PreScreenEvaluation.Configuration(version.version(),
				version.thresholdsInForce(), jurisdiction, used.get() == null ? null : used.get().name());
		return new PreScreenEvaluation(UUID.randomUUID(), id.value(), kind, actor, clock.instant(), asOf, configuration,
				results, List.of());
	}

	private PreScreenEvaluation map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		try {
			return new PreScreenEvaluation(rs.getObject("id", UUID.class), rs.getObject("application_id", UUID.class),
					PreScreenEvaluation.Kind.valueOf(rs.getString("kind")), rs.getString("evaluated_by"),
					rs.getTimestamp("evaluated_at").toInstant(), rs.getObject("as_of", LocalDate.class),
					PreScreenEvaluation.configuration(json.readTree(rs.getString("configuration"))),
					PreScreenEvaluation.checks(json.readTree(rs.getString("checks"))), rs.getString("rules") == null
							? List.of() : PreScreenEvaluation.rules(json.readTree(rs.getString("rules"))));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("A stored pre-screen evaluation cannot be read", ex);
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

	private static String string(Object value) {
		return value == null ? null : value.toString();
	}

	private static UUID uuid(JsonNode node) {
		return node == null || node.isNull() ? null : UUID.fromString(node.asText());
	}

}
