package jp.tobira.application;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jp.tobira.audit.AuditKind;
import jp.tobira.audit.AuditLog;
import jp.tobira.security.Actor;
import jp.tobira.validation.InvalidInput;
import jp.tobira.validation.Phrase;

/**
 * Stores an application's documents: content type from the bytes, SHA-256, a new version
 * per type on every upload. Either the row, its bytes and its audit entry are stored
 * together, or nothing is.
 */
@Service
public class DocumentService {

	private static final int MAX_FILE_NAME = 255;

	private final CaseAccess access;

	private final Documents documents;

	private final DocumentMediaTypes mediaTypes;

	private final DocumentsProperties properties;

	private final UploadRateLimit rateLimit;

	private final AuditLog auditLog;

	private final Clock clock;

	DocumentService(CaseAccess access, Documents documents, DocumentMediaTypes mediaTypes,
			DocumentsProperties properties, UploadRateLimit rateLimit, AuditLog auditLog, Clock clock) {
		this.access = access;
		this.rateLimit = rateLimit;
		this.documents = documents;
		this.mediaTypes = mediaTypes;
		this.properties = properties;
		this.auditLog = auditLog;
		this.clock = clock;
	}

	/** A document added to a draft. */
	@Transactional
	public Document upload(Actor actor, ApplicationId applicationId, DocumentType type, Upload upload) {
		Application application = access.toChangeAsIssuer(actor, applicationId);
		if (!application.isDraft()) {
			throw new ApplicationStateConflict(Phrase.of("error.documentsClosed", application.reference().value(),
					Phrase.of("status." + application.status())));
		}
		return store(actor, application, type, upload);
	}

	/**
	 * A monthly reserve report's attestation, filed by the case's issuer: stored as the
	 * case's next {@link DocumentType#RESERVE_ATTESTATION}, held to every upload's checks
	 * (content type from the bytes, size, the case's quotas, the organisation's upload
	 * rate). The same bytes stored before as an attestation are that document again, as a
	 * corrected report often keeps its accountant's attestation. Locks the case's row
	 * until the caller's transaction ends, so the caller may number what it files with
	 * it.
	 */
	@Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
	public Document storeAttestation(Actor actor, ApplicationId applicationId, Upload upload) {
		Application application = access.toChangeAsIssuer(actor, applicationId);
		if (upload.content() != null && upload.content().length > 0) {
			java.util.Optional<Document> same = documents.findBySha256(application.id(), sha256(upload.content()))
				.filter(existing -> existing.type() == DocumentType.RESERVE_ATTESTATION);
			if (same.isPresent()) {
				rateLimit.count(application.organisationId());
				return same.get();
			}
		}
		// outside the application's quota, which a token reporting monthly would fill in
		// a
		// few years; the reports' filing bounds them per month instead
		return store(actor, application, DocumentType.RESERVE_ATTESTATION, upload, false);
	}

	/**
	 * Stores a document for a case whose state the caller has checked (a draft, or an
	 * answer to a request for information). Runs inside the caller's transaction, which
	 * holds the case's row lock, so versions of one type are numbered one after the
	 * other.
	 */
	@Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
	Document store(Actor actor, Application application, DocumentType type, Upload upload) {
		return store(actor, application, type, upload, true);
	}

	private Document store(Actor actor, Application application, DocumentType type, Upload upload,
			boolean withinApplicationQuota) {
		// first, so every upload that reaches the case counts, whatever is refused after
		rateLimit.count(application.organisationId());
		if (type == null) {
			throw InvalidInput.of("type", "problem.requiredOneOf", List.of(DocumentType.values()).toString());
		}
		byte[] content = upload.content();
		if (content == null || content.length == 0) {
			throw InvalidInput.of("file", "problem.emptyFile");
		}
		if (content.length > properties.maxSize().toBytes()) {
			throw new DocumentTooLarge(properties.maxSize());
		}
		// the quotas before the content is inspected, so a full case's files are never
		// unpacked; the case's row lock (held by the caller) keeps two uploads from both
		// taking the last place. One statement answers the quotas, the duplicate and the
		// version.
		String sha256 = sha256(content);
		Documents.Holdings held = documents.holdings(application.id(), type, sha256);
		if (withinApplicationQuota) {
			if (held.documents() >= properties.maxPerApplication()) {
				throw DocumentQuotaExceeded.documents(properties.maxPerApplication());
			}
			if (held.bytes() + content.length > properties.maxBytesPerApplication().toBytes()) {
				throw DocumentQuotaExceeded.bytes(properties.maxBytesPerApplication(), held.bytes());
			}
		}
		String fileName = cleanFileName(upload.fileName());
		String mediaType = mediaTypes.verify(content, fileName, upload.declaredType());
		held.sameContent().flatMap(same -> documents.find(application.id(), same)).ifPresent(existing -> {
			throw new DuplicateDocument(existing);
		});
		int version = held.latestVersion() + 1;
		Document document = new Document(UUID.randomUUID(), application.id(), type, version, fileName, content.length,
				mediaType, sha256, actor.username(), clock.instant());
		documents.insert(document, content);
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("documentId", document.id().toString());
		payload.put("type", type.name());
		payload.put("version", version);
		payload.put("fileName", fileName);
		payload.put("size", content.length);
		payload.put("mediaType", mediaType);
		payload.put("sha256", sha256);
		auditLog.append(actor.username(), application.reference().value(), AuditKind.DOCUMENT_STORED, payload);
		return document;
	}

	@Transactional(readOnly = true)
	public List<Document> list(Actor actor, ApplicationId applicationId) {
		access.toRead(actor, applicationId);
		return documents.ofApplication(applicationId);
	}

	/** A document's record and bytes, for whoever may see the case. */
	@Transactional(readOnly = true)
	public StoredFile open(Actor actor, ApplicationId applicationId, UUID documentId) {
		access.toRead(actor, applicationId);
		Document document = documents.find(applicationId, documentId)
			.orElseThrow(() -> new ApplicationNotFound(applicationId + "/documents/" + documentId));
		return new StoredFile(document, documents.content(documentId));
	}

	/**
	 * What an upload brings: its bytes, the file name and the content type the client
	 * declared.
	 */
	public record Upload(byte[] content, String fileName, String declaredType) {
	}

	public record StoredFile(Document document, byte[] content) {
	}

	private static String cleanFileName(String original) {
		String name = original == null ? "" : original.replace('\\', '/');
		name = name.substring(name.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").strip();
		if (name.isEmpty()) {
			throw InvalidInput.of("file", "problem.noFileName");
		}
		if (name.length() > MAX_FILE_NAME) {
			throw InvalidInput.of("file", "problem.fileNameTooLong", MAX_FILE_NAME);
		}
		return name;
	}

	static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
