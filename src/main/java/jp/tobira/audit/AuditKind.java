package jp.tobira.audit;

/** What an audit entry records (ARCHITECTURE.md §5). */
public enum AuditKind {

	APPLICATION_CREATED, APPLICATION_UPDATED, DOCUMENT_STORED, APPLICATION_SUBMITTED, APPLICATION_WITHDRAWN,
	PROCESS_STARTED, TASK_CREATED, TASK_CLAIMED, TASK_UNCLAIMED, TASK_COMPLETED, TASK_SAVED, RFI_ISSUED, RFI_RESPONDED,
	TIMER_FIRED, ESCALATED, MESSAGE_SENT, PRE_SCREEN_COMPLETED, RECOMMENDATION_MADE, DECIDED, APPLICATION_LAPSED,
	REGISTER_ENTRY_ADDED, LOGGED_IN, LOGIN_FAILED, CONFIGURATION_CHANGED, AUDIT_VERIFIED,
	/**
	 * An account or a client address failed to log in too often and is refused for a
	 * while; one entry for the throttling, not one per failure (those are in
	 * app.login_attempt). LOGIN_FAILED stays for the entries written before.
	 */
	LOGIN_THROTTLED,
	/**
	 * A user made or revoked an API token (ARCHITECTURE.md §5). A token's uses are no
	 * entries of their own: the entries its requests append name it ({@code via}).
	 */
	API_TOKEN_CREATED, API_TOKEN_REVOKED,
	/**
	 * A reviewer saved, or deleted, a view of the task list; shared views change what
	 * others see on their tabs, so who did it is kept.
	 */
	TASK_VIEW_SAVED, TASK_VIEW_DELETED,
	/**
	 * A task given to a reviewer by someone else (the decision group or an admin), as
	 * against TASK_CLAIMED, which a reviewer does for themselves.
	 */
	TASK_ASSIGNED,
	/**
	 * A recognised token's register status changed after its decision: suspended,
	 * reinstated, revoked or surrendered.
	 */
	REGISTER_STATUS_CHANGED,
	/**
	 * An issuer filed a monthly reserve report: its period and version, its coverage and
	 * flags, and the rulebook version its checks ran under.
	 */
	RESERVE_REPORT_FILED,
	/**
	 * A user turned kinds of notification on or off for themselves: what they will no
	 * longer be told is their choice, and kept as such.
	 */
	NOTIFICATION_PREFERENCES_CHANGED,
	/**
	 * A member of the supervisor's staff wrote an internal note on a case. The entry
	 * carries the note's text, so the hash chain vouches for what was written and an
	 * auditor reads it without the notes table; it is never shown to the issuer.
	 */
	NOTE_ADDED,
	/**
	 * A reviewer set or cleared the follow-up date of a task they hold (the engine's own
	 * field), which keeps it out of "my tasks" until that day.
	 */
	TASK_FOLLOW_UP_SET, TASK_FOLLOW_UP_CLEARED,
	/**
	 * A reviewer named a delegate for a period away, or ended it; and each task given to
	 * them in that period that went to the delegate instead (with whom it was meant for).
	 */
	DELEGATION_SET, DELEGATION_ENDED, TASK_DELEGATED,
	/**
	 * A recognised token came under supervision (its monthly reserve reports), and that
	 * supervision ended by revocation or surrender.
	 */
	SUPERVISION_STARTED, SUPERVISION_ENDED,
	/**
	 * A month's reserve report was not filed by its due day: the supervisor's calendar
	 * says so, before any follow-up task.
	 */
	RESERVE_REPORT_OVERDUE

}
