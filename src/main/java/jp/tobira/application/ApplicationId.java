package jp.tobira.application;

import java.util.UUID;

public record ApplicationId(UUID value) {

	public ApplicationId {
		java.util.Objects.requireNonNull(value, "value");
	}

	public static ApplicationId random() {
		return new ApplicationId(UUID.randomUUID());
	}

	public static ApplicationId of(String value) {
		return new ApplicationId(UUID.fromString(value));
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
