package jp.tobira.audit;

import java.io.IOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reading the audit log: a case's entries, a filtered page for the admin, and CSV
 * exports.
 */
@Service
public class AuditEntries {

	private static final String COLUMNS = "seq, occurred_at, actor, case_reference, kind, payload, previous_hash, hash";

	/**
	 * Linked entries in chain order; after them, entries of the reader's own transaction
	 * that wait for its commit to be linked (every other entry is linked before reading).
	 */
	private static final String OLDEST_FIRST = "seq NULLS LAST, id";

	static final String[] HEADER = { "seq", "occurred_at", "actor", "case_reference", "kind", "payload",
			"previous_hash", "hash" };

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final AuditChainLinker linker;

	AuditEntries(JdbcClient jdbc, javax.sql.DataSource dataSource, AuditChainLinker linker) {
		this.jdbc = jdbc;
		this.linker = linker;
		// its own template: a fetch size makes PostgreSQL stream the export inside the
		// read-only transaction
		this.template = new JdbcTemplate(dataSource);
		this.template.setFetchSize(1000);
	}

	public List<AuditEntry> forCase(String reference) {
		linker.linkCommitted();
		return jdbc.sql("SELECT " + COLUMNS + " FROM app.audit_entry WHERE case_reference = ? ORDER BY " + OLDEST_FIRST)
			.param(reference)
			.query(AuditEntries::map)
			.list();
	}

	/**
	 * What happened to one task of a case, oldest first: the entries of the case whose
	 * payload names the task ({@code taskId}, as the task's creation, claims, saves,
	 * assignments, completion and the notes written on it do).
	 */
	public List<AuditEntry> forTask(String reference, String taskId) {
		linker.linkCommitted();
		return jdbc
			.sql("SELECT " + COLUMNS
					+ " FROM app.audit_entry WHERE case_reference = ? AND payload::jsonb ->> 'taskId' = ? ORDER BY "
					+ OLDEST_FIRST)
			.params(reference, taskId)
			.query(AuditEntries::map)
			.list();
	}

	/** Filters are optional; newest first. */
	public record Filter(AuditKind kind, String actor, String caseReference, Instant from, Instant to) {
	}

	public List<AuditEntry> page(Filter filter, int page, int size) {
		linker.linkCommitted();
		List<Object> params = new ArrayList<>();
		String where = where(filter, params);
		params.add(size);
		params.add((long) page * size);
		return jdbc
			.sql("SELECT " + COLUMNS + " FROM app.audit_entry" + where + " ORDER BY seq DESC, id DESC LIMIT ? OFFSET ?")
			.params(params)
			.query(AuditEntries::map)
			.list();
	}

	public long count(Filter filter) {
		List<Object> params = new ArrayList<>();
		return jdbc.sql("SELECT count(*) FROM app.audit_entry" + where(filter, params))
			.params(params)
			.query(Long.class)
			.single();
	}

	/** The whole log, or one case's entries, as CSV, streamed row by row. */
	@Transactional(readOnly = true)
	public void writeCsv(String caseReference, Writer out) throws IOException {
		writeCsv(new Filter(null, null, caseReference, null, null), out);
	}

	/**
	 * The entries a filter selects, oldest first, as CSV, streamed row by row from one
	 * query.
	 */
	@Transactional(readOnly = true)
	public void writeCsv(Filter filter, Writer out) throws IOException {
		linker.linkCommitted();
		// not closed: the writer is the caller's
		CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER).get());
		List<Object> params = new ArrayList<>();
		String sql = "SELECT " + COLUMNS + " FROM app.audit_entry" + where(filter, params) + " ORDER BY "
				+ OLDEST_FIRST;
		template.query(sql, rs -> {
			try {
				AuditEntry entry = map(rs, 0);
				csv.printRecord(entry.seq(), entry.occurredAt(), AuditCsv.cell(entry.actor()), entry.caseReference(),
						entry.kind(), AuditCsv.cell(entry.payload()), entry.previousHash(), entry.hash());
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}, params.toArray());
		csv.flush();
	}

	private static String where(Filter filter, List<Object> params) {
		List<String> conditions = new ArrayList<>();
		if (filter.kind() != null) {
			conditions.add("kind = ?");
			params.add(filter.kind().name());
		}
		if (filter.actor() != null && !filter.actor().isBlank()) {
			conditions.add("actor = ?");
			params.add(filter.actor());
		}
		if (filter.caseReference() != null && !filter.caseReference().isBlank()) {
			conditions.add("case_reference = ?");
			params.add(filter.caseReference());
		}
		if (filter.from() != null) {
			conditions.add("occurred_at >= ?");
			params.add(Timestamp.from(filter.from()));
		}
		if (filter.to() != null) {
			conditions.add("occurred_at < ?");
			params.add(Timestamp.from(filter.to()));
		}
		return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
	}

	static AuditEntry map(ResultSet rs, int row) throws SQLException {
		return new AuditEntry(rs.getLong("seq"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor"),
				rs.getString("case_reference"), AuditKind.valueOf(rs.getString("kind")), rs.getString("payload"),
				rs.getString("previous_hash"), rs.getString("hash"));
	}

}
