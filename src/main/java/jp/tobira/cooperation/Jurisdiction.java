package jp.tobira.cooperation;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A home jurisdiction's row of the table. A definitive status names the determination
 * behind it ({@code determinedOn}, {@code determinationReference}); a row judged before
 * determinations were recorded, or one under assessment, may have none.
 */
public record Jurisdiction(String code, String name, EquivalenceStatus status, LocalDate determinedOn,
		String determinationReference, String note, String updatedBy, Instant updatedAt) {
}
