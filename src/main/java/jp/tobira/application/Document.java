package jp.tobira.application;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored document's record; the bytes are read separately, only when someone opens the
 * file.
 */
public record Document(UUID id, ApplicationId applicationId, DocumentType type, int version, String fileName, long size,
		String mediaType, String sha256, String uploadedBy, Instant uploadedAt) {
}
