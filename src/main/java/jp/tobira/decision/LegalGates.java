package jp.tobira.decision;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jp.tobira.application.Application;
import jp.tobira.application.ApplicationContent;
import jp.tobira.application.ApplicationId;
import jp.tobira.application.ApplicationNotFound;
import jp.tobira.application.Applications;
import jp.tobira.cooperation.EquivalenceStatus;
import jp.tobira.cooperation.HomeConfirmations;
import jp.tobira.cooperation.Jurisdictions;
import jp.tobira.rulebook.Criterion;
import jp.tobira.validation.Phrase;

/**
 * The conditions without which the ordinance allows no approval (issue 10), read as they
 * stand at the moment of decision, not as the pre-screen stored them: the home framework
 * is equivalent in today's jurisdiction table, the reserves are segregated and
 * bankruptcy-remote, the home regulator has confirmed information sharing, and a
 * registered Japanese intermediary is named. Unlike the pre-screen's flags, which are
 * advice, a failed gate makes an approval unlawful: the engine refuses it
 * ({@code process/LegalGatesRule} on the decision task), and the task screen says so
 * before the decision-maker fills in the form. A rejection needs no gate.
 */
@Service
public class LegalGates {

	/**
	 * The four gates, in the order the ordinance lists them, each the rulebook's
	 * criterion of kind {@code GATE} it enforces.
	 */
	public enum Gate {

		EQUIVALENT_FRAMEWORK(Criterion.JURISDICTION), SEGREGATED_RESERVES(Criterion.SEGREGATION),
		INFORMATION_SHARING(Criterion.INFORMATION_SHARING), JAPANESE_INTERMEDIARY(Criterion.JAPANESE_INTERMEDIARY);

		private final Criterion criterion;

		Gate(Criterion criterion) {
			this.criterion = criterion;
		}

		public Criterion criterion() {
			return criterion;
		}

	}

	/** A gate that does not hold, and why, as the reader will be told. */
	public record FailedGate(Gate gate, Phrase reason) {
	}

	private final Applications applications;

	private final Jurisdictions jurisdictions;

	private final HomeConfirmations confirmations;

	LegalGates(Applications applications, Jurisdictions jurisdictions, HomeConfirmations confirmations) {
		this.applications = applications;
		this.jurisdictions = jurisdictions;
		this.confirmations = confirmations;
	}

	/** The gates the case fails now; empty when it may be approved. */
	@Transactional(readOnly = true)
	public List<FailedGate> failed(ApplicationId id) {
		return failed(applications.findById(id).orElseThrow(() -> new ApplicationNotFound(id)));
	}

	/** The refusal an approval of the case would meet now, if any. */
	@Transactional(readOnly = true)
	public Optional<LegalGatesNotMet> refusalOfApproval(ApplicationId id) {
		Application application = applications.findById(id).orElseThrow(() -> new ApplicationNotFound(id));
		List<FailedGate> failed = failed(application);
		return failed.isEmpty() ? Optional.empty()
				: Optional.of(new LegalGatesNotMet(application.reference().value(), failed));
	}

	/**
	 * Refuses the outcome when it approves and a gate fails; a rejection always passes.
	 */
	@Transactional(readOnly = true)
	public void requireFor(ApplicationId id, Outcome outcome) {
		if (outcome.approves()) {
			refusalOfApproval(id).ifPresent(refusal -> {
				throw refusal;
			});
		}
	}

	private List<FailedGate> failed(Application application) {
		ApplicationContent content = application.content();
		List<FailedGate> failed = new ArrayList<>();
		framework(content).ifPresent(failed::add);
		reserves(content).ifPresent(failed::add);
		informationSharing(application.id()).ifPresent(failed::add);
		intermediary(content).ifPresent(failed::add);
		return failed;
	}

	/**
	 * Today's table, not the pre-screen's stored status: a framework judged not
	 * equivalent after the pre-screen blocks the approval, and one judged equivalent
	 * since lets it through.
	 */
	private Optional<FailedGate> framework(ApplicationContent content) {
		String code = content.issuer() == null ? null : content.issuer().jurisdiction();
		EquivalenceStatus status = code == null ? EquivalenceStatus.UNDER_ASSESSMENT : jurisdictions.statusOf(code);
		return status == EquivalenceStatus.EQUIVALENT ? Optional.empty()
				: Optional.of(new FailedGate(Gate.EQUIVALENT_FRAMEWORK,
						Phrase.of("gates.framework", code, Phrase.of("equivalence." + status.name()))));
	}

	/** Both are needed: an unknown answer counts as no. */
	private static Optional<FailedGate> reserves(ApplicationContent content) {
		boolean segregated = content.trust() != null && Boolean.TRUE.equals(content.trust().segregated());
		boolean remote = content.trust() != null && Boolean.TRUE.equals(content.trust().bankruptcyRemote());
		if (segregated && remote) {
			return Optional.empty();
		}
		String key = !segregated && !remote ? "gates.reserves.neither"
				: !segregated ? "gates.reserves.notSegregated" : "gates.reserves.notBankruptcyRemote";
		return Optional.of(new FailedGate(Gate.SEGREGATED_RESERVES, Phrase.of(key)));
	}

	/**
	 * Only a recorded confirmation counts: a refusal, or no reply yet (a decision taken
	 * on the escalation), does not.
	 */
	private Optional<FailedGate> informationSharing(ApplicationId id) {
		Boolean confirmed = confirmations.of(id).map(HomeConfirmations.HomeConfirmation::confirmed).orElse(null);
		if (Boolean.TRUE.equals(confirmed)) {
			return Optional.empty();
		}
		return Optional.of(new FailedGate(Gate.INFORMATION_SHARING, Phrase.of(Boolean.FALSE.equals(confirmed)
				? "gates.informationSharing.refused" : "gates.informationSharing.unconfirmed")));
	}

	private static Optional<FailedGate> intermediary(ApplicationContent content) {
		ApplicationContent.Intermediary intermediary = content.intermediary();
		boolean named = intermediary != null && present(intermediary.name())
				&& present(intermediary.registrationNumber());
		return named ? Optional.empty()
				: Optional.of(new FailedGate(Gate.JAPANESE_INTERMEDIARY, Phrase.of("gates.intermediary")));
	}

	private static boolean present(String value) {
		return value != null && !value.isBlank();
	}

}
