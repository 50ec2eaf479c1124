package jp.tobira.casefile.api;

import java.time.Instant;
import java.util.UUID;

import jp.tobira.application.Document;
import jp.tobira.application.DocumentType;

record DocumentView(UUID id, DocumentType type, int version, String fileName, long size, String mediaType,
		String sha256, String uploadedBy, Instant uploadedAt) {

	static DocumentView of(Document document) {
		return new DocumentView(document.id(), document.type(), document.version(), document.fileName(),
				document.size(), document.mediaType(), document.sha256(), document.uploadedBy(), document.uploadedAt());
	}
}
