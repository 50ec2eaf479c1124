package jp.tobira.rulebook;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jp.tobira.audit.AuditKind;
import jp.tobira.audit.AuditLog;
import jp.tobira.validation.FieldProblem;
import jp.tobira.validation.InvalidInput;

/**
 * The rulebook's versions: which one is in force, drafting a new one, and putting a draft
 * into force by a second admin, every step audited as {@code CONFIGURATION_CHANGED}.
 * Templates call it as {@code @rulebook}.
 */
@Service("rulebook")
public class Rulebook {

	static final int NOTE_LENGTH = 1000;

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	private final AuditLog auditLog;

	private final Clock clock;

	Rulebook(JdbcClient jdbc, ObjectMapper json, AuditLog auditLog, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.auditLog = auditLog;
		this.clock = clock;
	}

	/** The version the checks run under today (the supervisor's day). */
	public RulebookVersion inForce() {
		return inForceOn(today());
	}

	public RulebookVersion inForceOn(LocalDate day) {
		return jdbc.sql("""
				SELECT * FROM app.rulebook_version
				WHERE approved_by IS NOT NULL AND effective_from <= ?
				ORDER BY effective_from DESC, version DESC LIMIT 1
				""")
			.param(day)
			.query(this::map)
			.optional()
			.orElseThrow(() -> new IllegalStateException(
					"No rulebook version is in force on " + day + ": version 1 is seeded at start (RulebookSeeding)"));
	}

	public Optional<RulebookVersion> find(int version) {
		return jdbc.sql("SELECT * FROM app.rulebook_version WHERE version = ?")
			.param(version)
			.query(this::map)
			.optional();
	}

	public RulebookVersion version(int version) {
		return find(version).orElseThrow(() -> new RulebookVersionNotFound(version));
	}

	/** Every version, the newest first. */
	public List<RulebookVersion> versions() {
		return jdbc.sql("SELECT * FROM app.rulebook_version ORDER BY version DESC").query(this::map).list();
	}

	/** Where a version stands today. */
	public RulebookVersion.Status statusOf(RulebookVersion version) {
		return statusOf(version, inForce().version());
	}

	/**
	 * Where each version stands today, by number: the version in force read once for the
	 * whole list.
	 */
	public Map<Integer, RulebookVersion.Status> statusesOf(List<RulebookVersion> versions) {
		int inForce = inForce().version();
		Map<Integer, RulebookVersion.Status> statuses = new LinkedHashMap<>();
		versions.forEach(version -> statuses.put(version.version(), statusOf(version, inForce)));
		return statuses;
	}

	private RulebookVersion.Status statusOf(RulebookVersion version, int inForce) {
		if (!version.approved()) {
			return RulebookVersion.Status.DRAFT;
		}
		if (version.effectiveFrom().isAfter(today())) {
			return RulebookVersion.Status.SCHEDULED;
		}
		return inForce == version.version() ? RulebookVersion.Status.IN_FORCE : RulebookVersion.Status.SUPERSEDED;
	}

	/**
	 * Whether {@code admin} may put the version into force: a draft, not theirs, whose
	 * day has not passed.
	 */
	public boolean approvableBy(RulebookVersion version, String admin) {
		return !version.approved() && !version.draftedBy().equals(admin) && !version.effectiveFrom().isBefore(today());
	}

	/**
	 * Stores a draft as the next version: what it changes, on top of the version in
	 * force. Every problem is named by its field ({@code criteria.CODE.thresholds.name}),
	 * and nothing is stored unless all is well.
	 */
	@Transactional
	public RulebookVersion draft(String admin, RulebookDraft draft) {
		List<FieldProblem> problems = new ArrayList<>();
		LocalDate effectiveFrom = draft.effectiveFrom();
		if (effectiveFrom == null) {
			problems.add(FieldProblem.of("effectiveFrom", "problem.required"));
		}
		else if (effectiveFrom.isBefore(today())) {
			problems.add(FieldProblem.of("effectiveFrom", "problem.rulebook.past"));
		}
		String note = draft.note() == null || draft.note().isBlank() ? null : draft.note().strip();
		if (note != null && note.length() > NOTE_LENGTH) {
			problems.add(FieldProblem.of("note", "problem.tooLong", NOTE_LENGTH));
		}
		RulebookVersion base = inForce();
		List<CriterionSetting> criteria = settings(base, draft.criteria() == null ? List.of() : draft.criteria(),
				problems);
		if (!problems.isEmpty()) {
			throw new InvalidInput(problems);
		}
		RulebookVersion drafted = insert(effectiveFrom, criteria, note, admin);
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("table", "rulebook");
		payload.put("action", "DRAFTED");
		payload.put("version", drafted.version());
		payload.put("basedOn", base.version());
		payload.put("effectiveFrom", effectiveFrom.toString());
		payload.put("note", note);
		payload.put("changes", differences(base, drafted).stream().map(Difference::json).toList());
		payload.put("criteria", criteria.stream().map(CriterionSetting::json).toList());
		auditLog.append(admin, null, AuditKind.CONFIGURATION_CHANGED, payload);
		return drafted;
	}

	/**
	 * A second admin puts a draft into force (on its effective day). One of two admins
	 * approving at once wins; the other is told it is already approved.
	 */
	@Transactional
	public RulebookVersion approve(String admin, int number) {
		RulebookVersion version = version(number);
		if (version.approved()) {
			throw RulebookVersionConflict.alreadyApproved(version);
		}
		if (version.draftedBy().equals(admin)) {
			throw new RulebookFourEyes(admin, number);
		}
		if (version.effectiveFrom().isBefore(today())) {
			throw RulebookVersionConflict.dayPassed(version);
		}
		int updated = jdbc.sql(
				"UPDATE app.rulebook_version SET approved_by = ?, approved_at = ? WHERE version = ? AND approved_by IS NULL")
			.params(admin, Timestamp.from(clock.instant()), number)
			.update();
		if (updated == 0) {
			throw RulebookVersionConflict.alreadyApproved(version(number));
		}
		RulebookVersion approved = version(number);
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("table", "rulebook");
		payload.put("action", "APPROVED");
		payload.put("version", number);
		payload.put("draftedBy", approved.draftedBy());
		payload.put("effectiveFrom", approved.effectiveFrom().toString());
		auditLog.append(admin, null, AuditKind.CONFIGURATION_CHANGED, payload);
		return approved;
	}

	/** What one criterion item says in one version and in another. */
	public record Difference(String code, String item, Object before, Object after) {

		Map<String, Object> json() {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("code", code);
			json.put("item", item);
			json.put("before", before);
			json.put("after", after);
			return json;
		}

	}

	/** Every item that differs between two versions, in the criteria's order. */
	public List<Difference> compare(int from, int to) {
		return differences(version(from), version(to));
	}

	static List<Difference> differences(RulebookVersion from, RulebookVersion to) {
		List<Difference> differences = new ArrayList<>();
		for (Criterion criterion : Criterion.values()) {
			CriterionSetting before = from.setting(criterion);
			CriterionSetting after = to.setting(criterion);
			if (before.enabled() != after.enabled()) {
				differences.add(new Difference(criterion.name(), "enabled", before.enabled(), after.enabled()));
			}
			for (Threshold threshold : criterion.thresholds()) {
				Object was = before.thresholds().get(threshold.name());
				Object is = after.thresholds().get(threshold.name());
				if (!Objects.equals(String.valueOf(was), String.valueOf(is))) {
					differences.add(new Difference(criterion.name(), threshold.name(), was, is));
				}
			}
		}
		return differences;
	}

	/**
	 * Seeds version 1 from configuration on a database without one; returns whether it
	 * did. Two nodes starting at once seed it once.
	 */
	@Transactional
	public boolean seed(RulebookSeed seed) {
		if (jdbc.sql("SELECT count(*) FROM app.rulebook_version").query(Long.class).single() > 0) {
			return false;
		}
		RulebookVersion version1 = seed.version1(clock.instant());
		List<CriterionSetting> criteria = version1.criteria();
		LocalDate day = version1.effectiveFrom();
		int inserted = jdbc.sql("""
				INSERT INTO app.rulebook_version
				    (version, effective_from, criteria, note, drafted_by, drafted_at, approved_by, approved_at)
				VALUES (1, ?, ?::jsonb, ?, ?, ?, ?, ?) ON CONFLICT (version) DO NOTHING
				""")
			.params(day, write(criteria.stream().map(CriterionSetting::json).toList()), version1.note(),
					version1.draftedBy(), Timestamp.from(version1.draftedAt()), version1.approvedBy(),
					Timestamp.from(version1.approvedAt()))
			.update();
		if (inserted == 0) {
			return false;
		}
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("table", "rulebook");
		payload.put("action", "SEEDED");
		payload.put("version", 1);
		payload.put("effectiveFrom", day.toString());
		payload.put("criteria", criteria.stream().map(CriterionSetting::json).toList());
		auditLog.append(version1.approvedBy(), null, AuditKind.CONFIGURATION_CHANGED, payload);
		return true;
	}

	private List<CriterionSetting> settings(RulebookVersion base, List<RulebookDraft.Change> changes,
			List<FieldProblem> problems) {
		Map<Criterion, RulebookDraft.Change> byCriterion = new LinkedHashMap<>();
		for (int i = 0; i < changes.size(); i++) {
			RulebookDraft.Change change = changes.get(i);
			Optional<Criterion> criterion = change == null ? Optional.empty() : Criterion.of(change.code());
			if (criterion.isEmpty()) {
				problems.add(FieldProblem.of("criteria[" + i + "].code", "problem.rulebook.unknownCriterion",
						change == null ? "" : String.valueOf(change.code())));
			}
			else if (byCriterion.put(criterion.get(), change) != null) {
				problems.add(FieldProblem.of("criteria[" + i + "].code", "problem.rulebook.twice", change.code()));
			}
		}
		List<CriterionSetting> settings = new ArrayList<>();
		for (Criterion criterion : Criterion.values()) {
			CriterionSetting was = base.setting(criterion);
			RulebookDraft.Change change = byCriterion.get(criterion);
			if (change == null) {
				settings.add(was);
				continue;
			}
			String field = "criteria." + criterion.name();
			if (change.kind() != null && !change.kind().equals(criterion.kind().name())) {
				problems.add(FieldProblem.of(field + ".kind", "problem.rulebook.kind", criterion.kind().name()));
			}
			boolean enabled = change.enabled() == null ? was.enabled() : change.enabled();
			if (criterion.gate() && !enabled) {
				problems.add(FieldProblem.of(field + ".enabled", "problem.rulebook.gateOn"));
			}
			Map<String, Object> given = change.thresholds() == null ? Map.of() : change.thresholds();
			for (String name : given.keySet()) {
				if (criterion.thresholds().stream().noneMatch(t -> t.name().equals(name))) {
					problems.add(FieldProblem.of(field + ".thresholds." + name, "problem.rulebook.unknownThreshold"));
				}
			}
			Map<String, Object> values = new LinkedHashMap<>();
			for (Threshold threshold : criterion.thresholds()) {
				String path = field + ".thresholds." + threshold.name();
				Object value = given.containsKey(threshold.name())
						? read(threshold, path, given.get(threshold.name()), problems)
						: was.thresholds().get(threshold.name());
				if (value == null && !given.containsKey(threshold.name())) {
					// a criterion the version in force predates: it has no value to keep
					problems.add(FieldProblem.of(path, "problem.required"));
				}
				values.put(threshold.name(), value);
			}
			settings.add(new CriterionSetting(criterion, enabled, values));
		}
		return settings;
	}

	private static Object read(Threshold threshold, String field, Object raw, List<FieldProblem> problems) {
		try {
			return threshold.read(field, raw);
		}
		catch (InvalidInput ex) {
			problems.addAll(ex.problems());
			return null;
		}
	}

	private RulebookVersion insert(LocalDate effectiveFrom, List<CriterionSetting> criteria, String note,
			String admin) {
		String stored = write(criteria.stream().map(CriterionSetting::json).toList());
		// two drafts saved at once: the second takes the next number
		for (int attempt = 0;; attempt++) {
			int next = jdbc.sql("SELECT coalesce(max(version), 0) + 1 FROM app.rulebook_version")
				.query(Integer.class)
				.single();
			try {
				jdbc.sql(
						"""
								INSERT INTO app.rulebook_version (version, effective_from, criteria, note, drafted_by, drafted_at)
								VALUES (?, ?, ?::jsonb, ?, ?, ?)
								""")
					.params(next, effectiveFrom, stored, note, admin, Timestamp.from(clock.instant()))
					.update();
				return version(next);
			}
			catch (DuplicateKeyException ex) {
				if (attempt >= 3) {
					throw ex;
				}
			}
		}
	}

	private LocalDate today() {
		return LocalDate.now(clock);
	}

	private RulebookVersion map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		List<Map<String, Object>> stored = read(rs.getString("criteria"));
		List<CriterionSetting> criteria = new ArrayList<>();
		for (Map<String, Object> setting : stored) {
			// a criterion added to the code after this version was drafted is not in it:
			// the version did not apply it
			Criterion.of((String) setting.get("code")).ifPresent(criterion -> {
				@SuppressWarnings("unchecked")
				Map<String, Object> thresholds = (Map<String, Object>) setting.get("thresholds");
				criteria.add(new CriterionSetting(criterion, Boolean.TRUE.equals(setting.get("enabled")), thresholds));
			});
		}
		for (Criterion criterion : Criterion.values()) {
			if (criteria.stream().noneMatch(s -> s.criterion() == criterion)) {
				criteria.add(new CriterionSetting(criterion, false, Map.of()));
			}
		}
		criteria.sort(java.util.Comparator.comparing(CriterionSetting::criterion));
		return new RulebookVersion(rs.getInt("version"), rs.getObject("effective_from", LocalDate.class),
				List.copyOf(criteria), rs.getString("note"), rs.getString("drafted_by"),
				rs.getTimestamp("drafted_at").toInstant(), rs.getString("approved_by"),
				rs.getTimestamp("approved_at") == null ? null : rs.getTimestamp("approved_at").toInstant());
	}

	private List<Map<String, Object>> read(String criteria) {
		try {
			return json.readValue(criteria, new TypeReference<>() {
			});
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("A stored rulebook version cannot be read", ex);
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
