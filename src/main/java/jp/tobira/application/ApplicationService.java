package jp.tobira.application;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.groups.Default;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jp.tobira.audit.AuditKind;
import jp.tobira.audit.AuditLog;
import jp.tobira.security.Actor;
import jp.tobira.validation.Complete;
import jp.tobira.validation.FieldProblem;
import jp.tobira.validation.InvalidInput;
import jp.tobira.validation.Phrase;

/**
 * The issuer's side of a case: drafting, submitting and withdrawing, each step audited in
 * its own transaction.
 */
@Service
public class ApplicationService {

	private final Applications applications;

	private final CaseAccess access;

	private final Documents documents;

	private final ReferenceNumbers referenceNumbers;

	private final Validator validator;

	private final AuditLog auditLog;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ApplicationService(Applications applications, CaseAccess access, Documents documents,
			ReferenceNumbers referenceNumbers, Validator validator, AuditLog auditLog, ApplicationEventPublisher events,
			Clock clock) {
		this.applications = applications;
		this.access = access;
		this.documents = documents;
		this.referenceNumbers = referenceNumbers;
		this.validator = validator;
		this.auditLog = auditLog;
		this.events = events;
		this.clock = clock;
	}

	@Transactional
	public Application create(Actor actor, ApplicationContent content) {
		if (!actor.isIssuer() || actor.organisationId() == null) {
			throw new AccessDeniedException("Only issuer users can create applications.");
		}
		ApplicationContent checked = wellFormed(content);
		Reference reference = referenceNumbers.next(LocalDate.now(clock).getYear());
		Application application = Application.draft(ApplicationId.random(), reference, actor.organisationId(), checked,
				actor.username(), clock.instant());
		applications.insert(application);
		auditLog.append(actor.username(), reference.value(), AuditKind.APPLICATION_CREATED,
				Map.of("applicationId", application.id().toString(), "content", checked));
		return application;
	}

	@Transactional
	public Application revise(Actor actor, ApplicationId id, ApplicationContent content) {
		Application application = access.toChangeAsIssuer(actor, id);
		ApplicationContent checked = wellFormed(content);
		application.revise(checked, clock.instant());
		applications.update(application);
		auditLog.append(actor.username(), application.reference().value(), AuditKind.APPLICATION_UPDATED,
				Map.of("content", checked));
		return applications.findById(id).orElseThrow();
	}

	@Transactional(readOnly = true)
	public Application get(Actor actor, ApplicationId id) {
		return access.toRead(actor, id);
	}

	/** The actor's own organisation's applications, most recently changed first. */
	@Transactional(readOnly = true)
	public List<Application> mine(Actor actor) {
		if (actor.organisationId() == null) {
			return List.of();
		}
		return applications.findByOrganisation(actor.organisationId());
	}

	/**
	 * What a draft still lacks before it can be submitted: required fields and documents,
	 * each named.
	 */
	@Transactional(readOnly = true)
	public List<FieldProblem> missingForSubmission(Actor actor, ApplicationId id) {
		Application application = access.toRead(actor, id);
		return missingForSubmission(application, documents.ofApplication(id));
	}

	private List<FieldProblem> missingForSubmission(Application application, List<Document> stored) {
		List<FieldProblem> missing = new ArrayList<>(
				problems(validator.validate(application.content(), Default.class, Complete.class)));
		Set<DocumentType> present = EnumSet.noneOf(DocumentType.class);
		stored.forEach(document -> present.add(document.type()));
		for (DocumentType required : DocumentType.required()) {
			if (!present.contains(required)) {
				missing.add(FieldProblem.of("documents." + required.name(), "problem.requiredBeforeSubmission"));
			}
		}
		return missing;
	}

	/**
	 * Submits a complete draft. Refused, naming each gap, when a required field or
	 * document is missing; otherwise the status becomes SUBMITTED and
	 * {@link ApplicationSubmitted} starts the process in this transaction.
	 */
	@Transactional
	public Application submit(Actor actor, ApplicationId id) {
		Application application = access.toChangeAsIssuer(actor, id);
		if (!application.isDraft()) {
			throw new ApplicationStateConflict(Phrase.of("error.onlyDraft.submitted", application.reference().value(),
					Phrase.of("status." + application.status())));
		}
		// read once: what is checked is what the submission's audit entry lists (the
		// case's row lock keeps it so)
		List<Document> stored = documents.ofApplication(id);
		List<FieldProblem> missing = missingForSubmission(application, stored);
		if (!missing.isEmpty()) {
			throw new ApplicationIncomplete(missing);
		}
		application.submit(clock.instant());
		applications.update(application);
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("applicationId", id.toString());
		payload.put("coverageRatio", application.content().coverageRatio().map(CoverageRatio::toString).orElse(null));
		payload.put("documents",
				stored.stream()
					.map(document -> Map.of("type", document.type().name(), "version", document.version(), "sha256",
							document.sha256()))
					.toList());
		auditLog.append(actor.username(), application.reference().value(), AuditKind.APPLICATION_SUBMITTED, payload);
		events.publishEvent(new ApplicationSubmitted(id, application.reference()));
		return applications.findById(id).orElseThrow();
	}

	@Transactional
	public Application withdraw(Actor actor, ApplicationId id, String reason) {
		Application application = access.toChangeAsIssuer(actor, id);
		if (reason != null && reason.length() > 2000) {
			throw InvalidInput.of("reason", "problem.tooLong", 2000);
		}
		boolean wasDraft = application.isDraft();
		application.withdraw(clock.instant());
		applications.update(application);
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("reason", reason == null ? "" : reason);
		payload.put("wasDraft", wasDraft);
		auditLog.append(actor.username(), application.reference().value(), AuditKind.APPLICATION_WITHDRAWN, payload);
		events.publishEvent(new ApplicationWithdrawn(id, application.reference(), wasDraft));
		return applications.findById(id).orElseThrow();
	}

	private ApplicationContent wellFormed(ApplicationContent content) {
		ApplicationContent given = content == null ? ApplicationContent.empty() : content;
		Set<ConstraintViolation<ApplicationContent>> violations = validator.validate(given);
		if (!violations.isEmpty()) {
			throw InvalidInput.of(violations);
		}
		return given;
	}

	private static List<FieldProblem> problems(Set<ConstraintViolation<ApplicationContent>> violations) {
		return InvalidInput.problemsOf(violations);
	}

}
