package jp.tobira.supervision;

import jp.tobira.application.ApplicationId;
import jp.tobira.application.Reference;

/**
 * An issuer gave up its token's recognition; the register already says SURRENDERED.
 * Published inside the surrender's transaction, so the supervision process ends in it
 * too.
 */
public record SupervisionSurrendered(ApplicationId applicationId, Reference reference) {
}
