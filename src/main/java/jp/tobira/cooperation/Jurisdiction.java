package jp.tobira.cooperation;

import java.time.Instant;

public record Jurisdiction(String code, String name, EquivalenceStatus status, String note, String updatedBy,
		Instant updatedAt) {
}
