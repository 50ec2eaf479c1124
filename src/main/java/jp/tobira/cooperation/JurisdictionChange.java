package jp.tobira.cooperation;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One change of a jurisdiction's row as it was made, kept in the append-only
 * {@code app.jurisdiction_history}.
 */
public record JurisdictionChange(long id, String code, String name, EquivalenceStatus status, LocalDate determinedOn,
		String determinationReference, String note, String changedBy, Instant changedAt) {
}
