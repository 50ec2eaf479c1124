package jp.tobira.application;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The documents table: metadata rows with the bytes beside them in the same row (one
 * unit, one transaction).
 */
@Repository
public class Documents {

	private static final String COLUMNS = """
			id, application_id, type, version, file_name, size_bytes, media_type, sha256, uploaded_by, uploaded_at
			""";

	private final JdbcClient jdbc;

	Documents(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Document document, byte[] content) {
		jdbc.sql("INSERT INTO app.document (" + COLUMNS + ", content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(document.id(), document.applicationId().value(), document.type().name(), document.version(),
					document.fileName(), document.size(), document.mediaType(), document.sha256(),
					document.uploadedBy(), Timestamp.from(document.uploadedAt()), content)
			.update();
	}

	/** Every version of every document, oldest first within a type. */
	public List<Document> ofApplication(ApplicationId applicationId) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM app.document WHERE application_id = ? ORDER BY type, version")
			.param(applicationId.value())
			.query(Documents::map)
			.list();
	}

	public Optional<Document> find(ApplicationId applicationId, UUID documentId) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM app.document WHERE application_id = ? AND id = ?")
			.params(applicationId.value(), documentId)
			.query(Documents::map)
			.optional();
	}

	Optional<Document> findBySha256(ApplicationId applicationId, String sha256) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM app.document WHERE application_id = ? AND sha256 = ?")
			.params(applicationId.value(), sha256)
			.query(Documents::map)
			.optional();
	}

	/**
	 * What an application holds, as an upload of {@code type} with this content needs to
	 * know it, in one statement rather than one a question: every version of every
	 * document counts towards the quotas.
	 */
	Holdings holdings(ApplicationId applicationId, DocumentType type, String sha256) {
		return jdbc.sql("""
				SELECT count(*), coalesce(sum(size_bytes), 0), coalesce(max(version) FILTER (WHERE type = ?), 0),
				    (array_agg(id) FILTER (WHERE sha256 = ?))[1]
				FROM app.document WHERE application_id = ?
				""")
			.params(type.name(), sha256, applicationId.value())
			.query((rs, row) -> new Holdings(rs.getInt(1), rs.getLong(2), rs.getInt(3),
					Optional.ofNullable(rs.getObject(4, UUID.class))))
			.single();
	}

	/**
	 * @param latestVersion the highest version of the type asked about, 0 if none
	 * @param sameContent the document with the same bytes, if the application has one
	 */
	record Holdings(int documents, long bytes, int latestVersion, Optional<UUID> sameContent) {
	}

	byte[] content(UUID documentId) {
		return jdbc.sql("SELECT content FROM app.document WHERE id = ?").param(documentId).query(byte[].class).single();
	}

	private static Document map(ResultSet rs, int row) throws SQLException {
		return new Document(rs.getObject("id", UUID.class),
				new ApplicationId(rs.getObject("application_id", UUID.class)),
				DocumentType.valueOf(rs.getString("type")), rs.getInt("version"), rs.getString("file_name"),
				rs.getLong("size_bytes"), rs.getString("media_type"), rs.getString("sha256"),
				rs.getString("uploaded_by"), rs.getTimestamp("uploaded_at").toInstant());
	}

}
