package jp.tobira.application;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.UUID;

import jp.tobira.validation.Phrase;

/**
 * The application aggregate: one issuer's request to have one token recognised. State
 * changes are guarded methods that refuse a wrong status; the process moves status and
 * stage after submission.
 */
public class Application {

	private static final EnumSet<ApplicationStatus> WITHDRAWABLE = EnumSet.of(ApplicationStatus.DRAFT,
			ApplicationStatus.OPEN.toArray(ApplicationStatus[]::new));

	private final ApplicationId id;

	private final Reference reference;

	private final UUID organisationId;

	private final String createdBy;

	private final Instant createdAt;

	private ApplicationStatus status;

	private Stage stage;

	private ApplicationContent content;

	private Instant updatedAt;

	private Instant submittedAt;

	private final int version;

	Application(ApplicationId id, Reference reference, UUID organisationId, ApplicationStatus status, Stage stage,
			ApplicationContent content, String createdBy, Instant createdAt, Instant updatedAt, Instant submittedAt,
			int version) {
		this.id = Objects.requireNonNull(id);
		this.reference = Objects.requireNonNull(reference);
		this.organisationId = Objects.requireNonNull(organisationId);
		this.status = status;
		this.stage = stage;
		this.content = content;
		this.createdBy = createdBy;
		this.createdAt = createdAt;
		this.updatedAt = updatedAt;
		this.submittedAt = submittedAt;
		this.version = version;
	}

	static Application draft(ApplicationId id, Reference reference, UUID organisationId, ApplicationContent content,
			String createdBy, Instant now) {
		return new Application(id, reference, organisationId, ApplicationStatus.DRAFT, Stage.DRAFTING, content,
				createdBy, now, now, null, 0);
	}

	void revise(ApplicationContent revised, Instant now) {
		requireDraft("changed");
		this.content = revised;
		this.updatedAt = now;
	}

	void submit(Instant now) {
		requireDraft("submitted");
		this.status = ApplicationStatus.SUBMITTED;
		this.stage = Stage.SUBMITTED;
		this.submittedAt = now;
		this.updatedAt = now;
	}

	void withdraw(Instant now) {
		if (!WITHDRAWABLE.contains(status)) {
			throw new ApplicationStateConflict(
					Phrase.of("error.notWithdrawable", reference.value(), Phrase.of("status." + status)));
		}
		this.status = ApplicationStatus.WITHDRAWN;
		this.stage = Stage.CLOSED;
		this.updatedAt = now;
	}

	/** The process's moves after submission (review, waiting for the issuer, outcome). */
	void moveTo(ApplicationStatus newStatus, Stage newStage, Instant now) {
		if (status.isClosed()) {
			throw new ApplicationStateConflict(
					Phrase.of("error.alreadyClosed", reference.value(), Phrase.of("status." + status)));
		}
		this.status = newStatus;
		this.stage = newStage;
		this.updatedAt = now;
	}

	private void requireDraft(String action) {
		if (status != ApplicationStatus.DRAFT) {
			throw new ApplicationStateConflict(
					Phrase.of("error.onlyDraft." + action, reference.value(), Phrase.of("status." + status)));
		}
	}

	public boolean isDraft() {
		return status == ApplicationStatus.DRAFT;
	}

	public ApplicationId id() {
		return id;
	}

	public Reference reference() {
		return reference;
	}

	public UUID organisationId() {
		return organisationId;
	}

	public ApplicationStatus status() {
		return status;
	}

	public Stage stage() {
		return stage;
	}

	public ApplicationContent content() {
		return content;
	}

	public String createdBy() {
		return createdBy;
	}

	public Instant createdAt() {
		return createdAt;
	}

	public Instant updatedAt() {
		return updatedAt;
	}

	public Instant submittedAt() {
		return submittedAt;
	}

	int version() {
		return version;
	}

}
