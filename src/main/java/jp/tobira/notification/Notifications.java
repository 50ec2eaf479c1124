package jp.tobira.notification;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import jp.tobira.security.Users;

/**
 * The one door to notifications: each method puts a message per recipient into the outbox
 * in the caller's transaction ({@link Propagation#MANDATORY}), so a message exists
 * exactly when the change that causes it is committed. Each is written in its recipient's
 * language ({@code users.locale}, English when none) from the bundles
 * ({@code notification.<kind>.subject} and {@code .body}), with the case's reference and
 * a link under {@code tobira.notifications.base-url}. Users without an address, and users
 * who turned the kind off, get nothing.
 * <p>
 * Called by the process's steps and the engine's task adapter (ARCHITECTURE.md); it knows
 * no feature, so any module may call it.
 */
@Service
public class Notifications {

	private final Outbox outbox;

	private final Users users;

	private final NotificationPreferences preferences;

	private final MessageSource messages;

	private final NotificationSettings settings;

	Notifications(Outbox outbox, Users users, NotificationPreferences preferences, MessageSource messages,
			NotificationSettings settings) {
		this.outbox = outbox;
		this.users = users;
		this.preferences = preferences;
		this.messages = messages;
		this.settings = settings;
	}

	/** A request for information was sent: every user of the issuer organisation. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void requestForInformation(UUID organisationId, UUID applicationId, String reference) {
		toIssuers(organisationId, NotificationKind.REQUEST_FOR_INFORMATION, reference, casePage(applicationId));
	}

	/** The case was decided: every user of the issuer organisation. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void decisionMade(UUID organisationId, UUID applicationId, String reference, boolean approved) {
		for (Users.Contact contact : users.contactsIn(organisationId)) {
			Locale locale = Locale.forLanguageTag(contact.locale());
			String outcome = text(approved ? "notification.decision.approved" : "notification.decision.rejected",
					locale);
			write(contact, NotificationKind.DECISION, reference, null, reference, casePage(applicationId), outcome);
		}
	}

	/**
	 * Someone else gave a reviewer a task (an assignment to oneself tells nobody
	 * anything).
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void taskAssigned(String assignee, String assignedBy, String taskId, String taskKey, String reference) {
		if (assignee.equals(assignedBy)) {
			return;
		}
		toReviewer(assignee, NotificationKind.TASK_ASSIGNED, taskId, taskKey, reference, null, assignedBy);
	}

	/**
	 * A task went to a delegate because its assignee is away and named them.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void taskDelegated(String delegate, String absentAssignee, String taskId, String taskKey, String reference) {
		toReviewer(delegate, NotificationKind.TASK_DELEGATED, taskId, taskKey, reference, null, absentAssignee);
	}

	/**
	 * A reviewer's task is due on {@code due}, the next day. Written once per task,
	 * assignee and due day, however many nodes run the daily job and however often.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void taskDueTomorrow(String assignee, String taskId, String taskKey, String reference, LocalDate due) {
		toReviewer(assignee, NotificationKind.TASK_DUE_TOMORROW, taskId, taskKey, reference,
				"due:" + taskId + ":" + due + ":" + assignee, due.toString());
	}

	/**
	 * A month's reserve report is due soon and not yet filed: every user of the issuer
	 * organisation, once per month whichever node's daily job comes first.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void reserveReportDue(UUID organisationId, UUID applicationId, String reference, YearMonth period,
			LocalDate dueDay) {
		toIssuersOnce(organisationId, NotificationKind.RESERVE_REPORT_DUE, applicationId, reference, period, dueDay);
	}

	/**
	 * A month's reserve report was not filed by its due day: every user of the issuer
	 * organisation, once per month however often the step runs.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void reserveReportOverdue(UUID organisationId, UUID applicationId, String reference, YearMonth period,
			LocalDate dueDay) {
		toIssuersOnce(organisationId, NotificationKind.RESERVE_REPORT_OVERDUE, applicationId, reference, period,
				dueDay);
	}

	private void toIssuersOnce(UUID organisationId, NotificationKind kind, UUID applicationId, String reference,
			YearMonth period, LocalDate dueDay) {
		for (Users.Contact contact : users.contactsIn(organisationId)) {
			write(contact, kind, reference, kind.key() + ":" + reference + ":" + period + ":" + contact.username(),
					reference, casePage(applicationId), period.toString(), dueDay.toString());
		}
	}

	private void toIssuers(UUID organisationId, NotificationKind kind, String reference, String link) {
		List<Users.Contact> contacts = users.contactsIn(organisationId);
		for (Users.Contact contact : contacts) {
			write(contact, kind, reference, null, reference, link);
		}
	}

	private void toReviewer(String username, NotificationKind kind, String taskId, String taskKey, String reference,
			String onceKey, String detail) {
		users.contact(username).ifPresent(contact -> {
			String task = text("task." + taskKey, Locale.forLanguageTag(contact.locale()));
			write(contact, kind, reference, onceKey, reference, settings.baseUrl() + "/tasks/" + taskId, task, detail);
		});
	}

	/**
	 * The message in the recipient's language; the arguments are {0} the reference, {1}
	 * the link, {2} the recipient's name, then the kind's own.
	 */
	private void write(Users.Contact contact, NotificationKind kind, String reference, String onceKey,
			Object... arguments) {
		if (preferences.isOff(contact.username(), kind)) {
			return;
		}
		Locale locale = Locale.forLanguageTag(contact.locale());
		Object[] all = new Object[arguments.length + 1];
		all[0] = arguments[0];
		all[1] = arguments[1];
		all[2] = contact.displayName();
		System.arraycopy(arguments, 2, all, 3, arguments.length - 2);
		String subject = messages.getMessage("notification." + kind.key() + ".subject", all, locale);
		String body = messages.getMessage("notification." + kind.key() + ".body", all, locale) + messages
			.getMessage("notification.footer", new Object[] { settings.baseUrl() + "/account/notifications" }, locale);
		outbox.put(contact.username(), contact.email(), locale.toLanguageTag(), kind, subject, body, reference,
				onceKey);
	}

	private String text(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}

	private String casePage(UUID applicationId) {
		return settings.baseUrl() + "/cases/" + applicationId;
	}

}
