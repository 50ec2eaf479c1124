package jp.tobira.notification;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jp.tobira.security.Actor;

/**
 * What a message is about. Each kind is for issuers or for the supervisor's staff; a user
 * turns off any of their own (app.notification_opt_out).
 */
public enum NotificationKind {

	/**
	 * A reviewer asked the issuer for information; the statutory clock waits for the
	 * answer.
	 */
	REQUEST_FOR_INFORMATION(true),
	/** The case was decided: approved and in the register, or rejected with a letter. */
	DECISION(true),
	/** Someone else gave the reviewer a task. */
	TASK_ASSIGNED(false),
	/** A task came to the reviewer because its assignee is away and named them. */
	TASK_DELEGATED(false),
	/** A reviewer's task is due the next day. */
	TASK_DUE_TOMORROW(false),
	/** A recognised token's monthly reserve report is due within a few business days. */
	RESERVE_REPORT_DUE(true),
	/** A recognised token's monthly reserve report was not filed by its due day. */
	RESERVE_REPORT_OVERDUE(true);

	private final boolean forIssuers;

	NotificationKind(boolean forIssuers) {
		this.forIssuers = forIssuers;
	}

	/** The kinds a user can receive, so the only ones they can turn off. */
	public static List<NotificationKind> of(Actor actor) {
		return Arrays.stream(values())
			.filter(kind -> kind.forIssuers ? actor.isIssuer() : actor.isSupervisorStaff())
			.toList();
	}

	public static Optional<NotificationKind> named(String name) {
		return Arrays.stream(values()).filter(kind -> kind.name().equals(name)).findFirst();
	}

	/**
	 * The bundle's prefix of this kind's texts ({@code notification.<key>.subject}, …).
	 */
	public String key() {
		String[] words = name().toLowerCase(java.util.Locale.ROOT).split("_");
		StringBuilder key = new StringBuilder(words[0]);
		for (int i = 1; i < words.length; i++) {
			key.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
		}
		return key.toString();
	}

}
