package jp.tobira.application;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import jp.tobira.validation.Phrase;

/**
 * The applications table. The content is stored as JSON as the issuer entered it; the
 * columns that lists show and filter on are copied from it on every write, so lists never
 * parse JSON.
 */
@Repository
public class Applications {

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	Applications(JdbcClient jdbc, ObjectMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	void insert(Application application) {
		ApplicationContent content = application.content();
		jdbc.sql("""
				INSERT INTO app.application (id, reference, organisation_id, status, stage, content, issuer_name,
				    jurisdiction, token_name, token_symbol, pegged_currency, coverage_ratio, created_by, created_at,
				    updated_at, submitted_at, version)
				VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
				""")
			.params(application.id().value(), application.reference().value(), application.organisationId(),
					application.status().name(), application.stage().name(), write(content), issuerName(content),
					jurisdiction(content), tokenName(content), tokenSymbol(content), currency(content),
					content.coverageRatio().map(CoverageRatio::value).orElse(null), application.createdBy(),
					ts(application.createdAt()), ts(application.updatedAt()), ts(application.submittedAt()))
			.update();
	}

	/**
	 * Saves the changed aggregate; refuses (409) when someone else saved it since it was
	 * read.
	 */
	void update(Application application) {
		ApplicationContent content = application.content();
		int updated = jdbc.sql("""
				UPDATE app.application SET status = ?, stage = ?, content = ?::jsonb, issuer_name = ?,
				    jurisdiction = ?, token_name = ?, token_symbol = ?, pegged_currency = ?, coverage_ratio = ?,
				    updated_at = ?, submitted_at = ?, version = version + 1
				WHERE id = ? AND version = ?
				""")
			.params(application.status().name(), application.stage().name(), write(content), issuerName(content),
					jurisdiction(content), tokenName(content), tokenSymbol(content), currency(content),
					content.coverageRatio().map(CoverageRatio::value).orElse(null), ts(application.updatedAt()),
					ts(application.submittedAt()), application.id().value(), application.version())
			.update();
		if (updated == 0) {
			throw new ApplicationStateConflict(Phrase.of("error.changedMeanwhile", application.reference().value()));
		}
	}

	public Optional<Application> findById(ApplicationId id) {
		return jdbc.sql("SELECT * FROM app.application WHERE id = ?").param(id.value()).query(this::map).optional();
	}

	/**
	 * Reads the case and locks its row until the transaction ends, so two changes to one
	 * case queue up.
	 */
	public Optional<Application> findByIdForUpdate(ApplicationId id) {
		return jdbc.sql("SELECT * FROM app.application WHERE id = ? FOR UPDATE")
			.param(id.value())
			.query(this::map)
			.optional();
	}

	/**
	 * The case an open task belongs to, its row locked until the transaction ends: work
	 * on one case's tasks queues up here, so of two reviewers completing the same task at
	 * once the second sees it completed. Empty when the task is not open (or has no
	 * case). One statement, read through the engine's task table, where finding the task
	 * first and then its case would be two.
	 */
	public Optional<Application> lockByTask(String taskId) {
		// the case's application process or, once recognised, its supervision
		return jdbc.sql("""
				SELECT * FROM app.application WHERE id =
				    (SELECT p.application_id FROM app.case_process p
				     JOIN public.act_ru_task t ON t.proc_inst_id_ = p.process_instance_id
				     WHERE t.id_ = ?)
				FOR UPDATE
				""").param(taskId).query(this::map).optional();
	}

	public Optional<Application> findByReference(Reference reference) {
		return jdbc.sql("SELECT * FROM app.application WHERE reference = ?")
			.param(reference.value())
			.query(this::map)
			.optional();
	}

	public List<Application> findByOrganisation(UUID organisationId) {
		return jdbc.sql("SELECT * FROM app.application WHERE organisation_id = ? ORDER BY updated_at DESC")
			.param(organisationId)
			.query(this::map)
			.list();
	}

	private Application map(ResultSet rs, int row) throws SQLException {
		return new Application(new ApplicationId(rs.getObject("id", UUID.class)),
				new Reference(rs.getString("reference")), rs.getObject("organisation_id", UUID.class),
				ApplicationStatus.valueOf(rs.getString("status")), Stage.valueOf(rs.getString("stage")),
				read(rs.getString("content")), rs.getString("created_by"), instant(rs.getTimestamp("created_at")),
				instant(rs.getTimestamp("updated_at")), instant(rs.getTimestamp("submitted_at")), rs.getInt("version"));
	}

	private String write(ApplicationContent content) {
		try {
			return json.writeValueAsString(content);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private ApplicationContent read(String content) {
		try {
			return json.readValue(content, ApplicationContent.class);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Stored application content cannot be read", ex);
		}
	}

	private static Timestamp ts(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	private static String issuerName(ApplicationContent c) {
		return c.issuer() == null ? null : c.issuer().legalName();
	}

	private static String jurisdiction(ApplicationContent c) {
		return c.issuer() == null ? null : c.issuer().jurisdiction();
	}

	private static String tokenName(ApplicationContent c) {
		return c.token() == null ? null : c.token().name();
	}

	private static String tokenSymbol(ApplicationContent c) {
		return c.token() == null ? null : c.token().symbol();
	}

	private static String currency(ApplicationContent c) {
		return c.token() == null ? null : c.token().peggedCurrency();
	}

}
