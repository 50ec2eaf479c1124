package jp.tobira.rulebook;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import jp.tobira.startup.StartupStep;

/**
 * Seeds version 1 of the rulebook from configuration before the first case can be
 * pre-screened (and before the demo data pre-screens its cases).
 */
@Component
class RulebookSeeding extends StartupStep {

	private static final Logger log = LoggerFactory.getLogger(RulebookSeeding.class);

	private final Rulebook rulebook;

	private final RulebookSeed seed;

	RulebookSeeding(Rulebook rulebook, RulebookSeed seed) {
		super(Sequence.RULEBOOK);
		this.rulebook = rulebook;
		this.seed = seed;
	}

	@Override
	protected void runAtStart() {
		if (rulebook.seed(seed)) {
			log.info("Rulebook version 1 seeded from configuration (tobira.rulebook.seed)");
		}
	}

}
