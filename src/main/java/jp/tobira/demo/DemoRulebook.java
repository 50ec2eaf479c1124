package jp.tobira.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import jp.tobira.rulebook.Rulebook;
import jp.tobira.rulebook.RulebookDraft;
import jp.tobira.security.DemoMode;
import jp.tobira.startup.StartupStep;

/**
 * The demo's rulebook: beside version 1, seeded from configuration, a version 2 that
 * {@code admin} has drafted and that waits for a second admin ({@code admin2}) to put it
 * into force: it switches on the criteria of the newer regimes (reserves in the token's
 * currency, a share of cash and deposits, short government paper, no custodian
 * concentration, a recognised auditor) from the first of next month. Drafted after the
 * demo cases, so they are judged under version 1. Runs once, with the demo cases.
 */
@Component
class DemoRulebook extends StartupStep {

	private static final Logger log = LoggerFactory.getLogger(DemoRulebook.class);

	private final DemoMode demoMode;

	private final Rulebook rulebook;

	private final JdbcClient jdbc;

	private final Clock clock;

	DemoRulebook(DemoMode demoMode, Rulebook rulebook, JdbcClient jdbc, Clock clock) {
		super(Sequence.DEMO_RULEBOOK);
		this.demoMode = demoMode;
		this.rulebook = rulebook;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	protected void runAtStart() {
		if (!demoMode.enabled() || !demoMode.cases()
				|| jdbc.sql("SELECT count(*) FROM app.rulebook_version").query(Long.class).single() > 1) {
			return;
		}
		LocalDate firstOfNextMonth = LocalDate.now(clock).withDayOfMonth(1).plusMonths(1);
		int version = rulebook.draft("admin",
				new RulebookDraft(firstOfNextMonth,
						"The criteria of the newer regimes (MiCA, the GENIUS Act, NYDFS), switched on as advice.",
						List.of(new RulebookDraft.Change("RESERVE_CURRENCY", null, true, Map.of()),
								new RulebookDraft.Change("LIQUID_SHARE", null, true, Map.of()),
								new RulebookDraft.Change("GOVERNMENT_PAPER_TERM", null, true, Map.of()),
								new RulebookDraft.Change("CUSTODIAN_CONCENTRATION", null, true, Map.of()),
								new RulebookDraft.Change("RECOGNISED_AUDITOR", null, true, Map.of()))))
			.version();
		log.info("Demo mode: rulebook version {} drafted by admin, waiting for admin2", version);
	}

}
