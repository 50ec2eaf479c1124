package jp.tobira;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The modules and the way their arrows run (ARCHITECTURE.md): each module owns its web
 * and API adapters; the features never reach into the process or into another module's
 * adapters; only the process touches the engine; and no two modules import each other,
 * directly or round a loop.
 */
@AnalyzeClasses(packages = "jp.tobira", importOptions = ImportOption.DoNotIncludeTests.class)
class ModularityTests {

	private static final String[] FEATURES = { "jp.tobira.application..", "jp.tobira.checks..", "jp.tobira.review..",
			"jp.tobira.cooperation..", "jp.tobira.decision..", "jp.tobira.rulebook..", "jp.tobira.audit..",
			"jp.tobira.supervision.." };

	@ArchTest
	static final ArchRule modulesFormNoCycle = slices().matching("jp.tobira.(*)..").should().beFreeOfCycles();

	@ArchTest
	static final ArchRule featuresDoNotReachIntoTheProcessOrTheWorklistOrTheDemo = noClasses().that()
		.resideInAnyPackage(FEATURES)
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("jp.tobira.process..", "jp.tobira.worklist..", "jp.tobira.dashboard..", "jp.tobira.demo..");

	@ArchTest
	static final ArchRule auditCallsNoFeature = noClasses().that()
		.resideInAPackage("jp.tobira.audit..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("jp.tobira.application..", "jp.tobira.checks..", "jp.tobira.review..",
				"jp.tobira.cooperation..", "jp.tobira.decision..", "jp.tobira.rulebook..", "jp.tobira.security..",
				"jp.tobira.web..");

	/**
	 * Notifications are told what happened in plain values (a reference, a task's key, an
	 * organisation's id) by whoever causes them (the process's steps, the engine's task
	 * adapter, and any feature that needs to), so it imports none of them back.
	 */
	@ArchTest
	static final ArchRule notificationsCallNoFeatureNorTheProcess = noClasses().that()
		.resideInAPackage("jp.tobira.notification..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("jp.tobira.application..", "jp.tobira.checks..", "jp.tobira.review..",
				"jp.tobira.cooperation..", "jp.tobira.decision..", "jp.tobira.rulebook..", "jp.tobira.process..",
				"jp.tobira.worklist..", "jp.tobira.dashboard..", "jp.tobira.casefile..", "jp.tobira.demo..",
				"jp.tobira.supervision..");

	@ArchTest
	static final ArchRule onlyTheProcessPackageTouchesTheEngine = noClasses().that()
		.resideOutsideOfPackage("jp.tobira.process..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.camunda.bpm.engine..");

	@ArchTest
	static final ArchRule onlyTheProcessPackageImplementsTheEnginesDelegates = noClasses().that()
		.resideOutsideOfPackage("jp.tobira.process..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.camunda.bpm.engine.delegate..");

	@ArchTest
	static final ArchRule sharedAdaptersKnowNoFeature = noClasses().that()
		.resideInAnyPackage("jp.tobira.web", "jp.tobira.api")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage(FEATURES);

	@ArchTest
	static final ArchRule webAdaptersDoNotCallApiAdapters = noClasses().that()
		.resideInAPackage("..web..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("..api..");

}
