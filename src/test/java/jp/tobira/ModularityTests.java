package jp.tobira;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The arrows of DESIGN.md §7: adapters call features, process calls features, features call audit, never back. */
@AnalyzeClasses(packages = "jp.tobira", importOptions = ImportOption.DoNotIncludeTests.class)
class ModularityTests {

	private static final String[] FEATURES = { "jp.tobira.application..", "jp.tobira.review..",
			"jp.tobira.cooperation..", "jp.tobira.decision..", "jp.tobira.audit.." };

	@ArchTest
	static final ArchRule featuresDoNotReachIntoAdaptersOrTheProcess = noClasses().that()
		.resideInAnyPackage(FEATURES)
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("jp.tobira.process..", "jp.tobira.web..", "jp.tobira.api..");

	@ArchTest
	static final ArchRule auditCallsNoFeature = noClasses().that()
		.resideInAPackage("jp.tobira.audit..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("jp.tobira.application..", "jp.tobira.review..", "jp.tobira.cooperation..",
				"jp.tobira.decision..");

	@ArchTest
	static final ArchRule onlyTheProcessPackageTouchesTheEngine = noClasses().that()
		.resideOutsideOfPackage("jp.tobira.process..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.camunda.bpm.engine..");

	@ArchTest
	static final ArchRule adaptersDoNotCallEachOther = noClasses().that()
		.resideInAPackage("jp.tobira.api..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("jp.tobira.web..");

}
