package jp.tobira.decision;

import java.time.Instant;

import jp.tobira.application.ApplicationId;

/**
 * A recorded decision; {@code recordSha256} lets anyone holding the letter check the
 * record it came from.
 */
public record Decision(ApplicationId applicationId, String reference, Outcome outcome, String reasons,
		String conditions, String recommendation, String decidedBy, Instant decidedAt, String recordSha256) {
}
