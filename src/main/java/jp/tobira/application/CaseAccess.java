package jp.tobira.application;

import org.springframework.stereotype.Component;

import jp.tobira.security.Actor;

/**
 * The one place that decides whether an actor may see or change a case. Supervisor staff
 * see every case; an issuer user sees only their organisation's, and anything else is
 * answered as not found.
 */
@Component
class CaseAccess {

	private final Applications applications;

	CaseAccess(Applications applications) {
		this.applications = applications;
	}

	Application toRead(Actor actor, ApplicationId id) {
		return applications.findById(id)
			.filter(application -> actor.maySee(application.organisationId()))
			.orElseThrow(() -> new ApplicationNotFound(id));
	}

	/** The case for a change by its issuer, its row locked until the transaction ends. */
	Application toChangeAsIssuer(Actor actor, ApplicationId id) {
		Application application = applications.findByIdForUpdate(id)
			.filter(found -> actor.maySee(found.organisationId()))
			.orElseThrow(() -> new ApplicationNotFound(id));
		if (!actor.isIssuer() || !application.organisationId().equals(actor.organisationId())) {
			throw new org.springframework.security.access.AccessDeniedException(
					"Only the issuer's own users can change application " + application.reference() + ".");
		}
		return application;
	}

}
