package jp.tobira.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.WebApplicationContext;

import jp.tobira.Fixtures;
import jp.tobira.TobiraIntegrationTest;
import jp.tobira.application.Application;
import jp.tobira.application.ApplicationContent;
import jp.tobira.application.ApplicationId;
import jp.tobira.application.ApplicationService;
import jp.tobira.application.Applications;
import jp.tobira.application.DocumentService;
import jp.tobira.cooperation.EquivalenceStatus;
import jp.tobira.cooperation.Jurisdictions;
import jp.tobira.review.ReviewTasks;
import jp.tobira.security.Organisations;
import jp.tobira.supervision.ReportDueReminders;
import jp.tobira.supervision.ReportingCalendar;
import jp.tobira.supervision.ReserveReportFiled;

/**
 * A token's supervision on PostgreSQL, through HTTP where there is a door: recognition
 * starts it in the recognition's transaction; the issuer is reminded of a report due and
 * told when it is overdue, once each; a filed report (published as the reports' filing
 * publishes it) reaches it; its tasks are in the supervisor's list and complete through
 * the task API; a suspension and a surrender change the register; the surrender ends it.
 */
@TobiraIntegrationTest
class TokenSupervisionIntegrationTests {

	static final String EQUIVALENT = "CH";

	@Autowired
	ProcessEngine engine;

	@Autowired
	ApplicationService applications;

	@Autowired
	DocumentService documents;

	@Autowired
	Applications repository;

	@Autowired
	ReviewTasks tasks;

	@Autowired
	Organisations organisations;

	@Autowired
	Jurisdictions jurisdictions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	WebApplicationContext context;

	@Autowired
	ReportDueReminders reminders;

	@Autowired
	ReportingCalendar calendar;

	@Autowired
	Clock clock;

	CaseDriver cases;

	MockMvc mvc;

	@BeforeEach
	void setUp() {
		BpmnAwareTests.init(engine);
		cases = new CaseDriver(applications, documents, repository, tasks, engine, organisations);
		jurisdictions.set("admin", EQUIVALENT, "Switzerland", EquivalenceStatus.EQUIVALENT, Fixtures.DETERMINED_ON,
				Fixtures.DETERMINATION, "test");
		mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
	}

	@Test
	void recognitionStartsSupervisionAndItsTasksAreWorkedThroughTheTaskApiUpToASuspension() throws Exception {
		ApplicationId id = recognised();
		Application application = cases.application(id);
		ProcessInstance supervision = supervisionOf(application);
		assertThat(supervision).as("started with the recognition").isNotNull();
		BpmnAwareTests.assertThat(supervision).isWaitingAtExactly("reportDue");
		assertThat(jdbc.sql("SELECT process_instance_id FROM app.supervision WHERE application_id = ?")
			.param(id.value())
			.query(String.class)
			.single()).isEqualTo(supervision.getId());
		assertThat(auditKinds(application)).endsWith("REGISTER_ENTRY_ADDED", "SUPERVISION_STARTED");

		filed(application, true);
		Task assessment = supervisionTask(supervision, "assessReport");
		assertThat(assessment).as("a flagged report is assessed").isNotNull();
		assertThat(call(get("/api/v1/tasks"), "supervisor").getContentAsString()).as("in the supervisor's list")
			.contains(assessment.getId(), "assessReport", application.reference().value());
		assertThat(call(post("/api/v1/tasks/" + assessment.getId() + "/complete")
			.content("{\"outcome\": \"PROPOSE_SUSPENSION\", \"reasons\": \"Coverage under one.\"}"), "supervisor")
			.getStatus()).isEqualTo(200);

		Task decision = supervisionTask(supervision, "decideSuspension");
		assertThat(call(post("/api/v1/tasks/" + decision.getId() + "/complete")
			.content("{\"decision\": \"SUSPEND\", \"reasons\": \"Reserves short two months running.\"}"), "decision")
			.getStatus()).isEqualTo(200);
		assertThat(registerStatus(id)).isEqualTo("SUSPENDED");
		assertThat(auditKinds(application)).contains("REGISTER_STATUS_CHANGED");
		BpmnAwareTests.assertThat(supervision).isWaitingAtExactly("reportDue");
	}

	@Test
	void theIssuerSurrendersOverHttpAndTheRegisterSaysSurrenderedAndSupervisionEnds() throws Exception {
		ApplicationId id = recognised();
		Application application = cases.application(id);
		ProcessInstance supervision = supervisionOf(application);
		filed(application, true);

		MockHttpServletResponse another = call(post("/api/v1/applications/" + id.value() + "/surrender"), "issuer2");
		assertThat(another.getStatus()).as("another issuer's case reads as not found").isEqualTo(404);
		assertThat(registerStatus(id)).isEqualTo("RECOGNISED");

		MockHttpServletResponse surrendered = call(post("/api/v1/applications/" + id.value() + "/surrender")
			.content("{\"reasons\": \"We leave the Japanese market.\"}"), "issuer");

		assertThat(surrendered.getStatus()).isEqualTo(200);
		assertThat(registerStatus(id)).isEqualTo("SURRENDERED");
		BpmnAwareTests.assertThat(supervision).isEnded().hasPassed("supervisionEnded");
		assertThat(engine.getTaskService().createTaskQuery().processInstanceId(supervision.getId()).count())
			.as("the open assessment went with it")
			.isZero();
		assertThat(jdbc.sql("SELECT ended_as FROM app.supervision WHERE application_id = ?")
			.param(id.value())
			.query(String.class)
			.single()).isEqualTo("SURRENDERED");
		assertThat(auditKinds(application)).endsWith("REGISTER_STATUS_CHANGED", "SUPERVISION_ENDED");

		MockHttpServletResponse again = call(post("/api/v1/applications/" + id.value() + "/surrender"), "issuer");
		assertThat(again.getStatus()).isEqualTo(409);
		assertThat(again.getContentAsString()).contains("SURRENDERED");
	}

	@Test
	void aTokenNotRecognisedCannotBeSurrendered() throws Exception {
		ApplicationId id = cases.submitted(from(EQUIVALENT));

		MockHttpServletResponse refused = call(post("/api/v1/applications/" + id.value() + "/surrender"), "issuer");

		assertThat(refused.getStatus()).isEqualTo(409);
		assertThat(refused.getContentAsString()).contains("SUBMITTED", "not under supervision");
		assertThat(jdbc.sql("SELECT count(*) FROM app.supervision WHERE application_id = ?")
			.param(id.value())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void theIssuerIsRemindedOnceOfAReportDueAndToldOnceWhenItIsOverdue() {
		ApplicationId id = recognised();
		Application application = cases.application(id);
		YearMonth period = YearMonth.now(clock);
		LocalDate dueDay = calendar.dueDay(period);

		assertThat(reminders.remindOn(calendar.reminderDay(period).minusDays(1))).as("before the window").isZero();
		assertThat(reminders.remindOn(dueDay.plusDays(1))).as("after the due day the process speaks").isZero();
		assertThat(reminders.remindOn(calendar.reminderDay(period))).isPositive();
		reminders.remindOn(dueDay);
		assertThat(outbox(application, "RESERVE_REPORT_DUE")).as("once, whichever day and node writes it")
			.singleElement()
			.asString()
			.contains(application.reference().value(), period.toString(), dueDay.toString());

		ProcessInstance supervision = supervisionOf(application);
		Job reportDue = engine.getManagementService()
			.createJobQuery()
			.processInstanceId(supervision.getId())
			.timers()
			.activityId("reportDue")
			.singleResult();
		engine.getManagementService().executeJob(reportDue.getId());
		assertThat(auditKinds(application)).contains("RESERVE_REPORT_OVERDUE");
		assertThat(outbox(application, "RESERVE_REPORT_OVERDUE")).singleElement()
			.asString()
			.contains(application.reference().value(), "overdue", period.toString());
	}

	private List<String> outbox(Application application, String kind) {
		return jdbc.sql("SELECT subject || ' ' || body FROM app.outbox WHERE reference = ? AND kind = ?")
			.params(application.reference().value(), kind)
			.query(String.class)
			.list();
	}

	private ApplicationId recognised() {
		ApplicationId id = cases.submitted(from(EQUIVALENT));
		cases.throughToDecision(id);
		cases.complete(cases.decision, id, "decide", "{\"decision\": \"APPROVE\", \"reasons\": \"All in order.\"}");
		return id;
	}

	/** What the reserve reports' filing publishes, in its transaction. */
	private void filed(Application application, boolean flagged) {
		transactions.executeWithoutResult(status -> events.publishEvent(new ReserveReportFiled(application.id(),
				application.reference(), UUID.randomUUID(), YearMonth.now(), 1, flagged)));
	}

	private MockHttpServletResponse call(
			org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, String user)
			throws Exception {
		return mvc
			.perform(request.with(httpBasic(user, "demo"))
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.APPLICATION_JSON))
			.andReturn()
			.getResponse();
	}

	private ProcessInstance supervisionOf(Application application) {
		return engine.getRuntimeService()
			.createProcessInstanceQuery()
			.processDefinitionKey(TokenSupervision.KEY)
			.processInstanceBusinessKey(application.reference().value())
			.singleResult();
	}

	private Task supervisionTask(ProcessInstance supervision, String key) {
		return engine.getTaskService()
			.createTaskQuery()
			.processInstanceId(supervision.getId())
			.taskDefinitionKey(key)
			.singleResult();
	}

	private String registerStatus(ApplicationId id) {
		return jdbc.sql("SELECT status FROM app.register_entry WHERE application_id = ?")
			.param(id.value())
			.query(String.class)
			.single();
	}

	private List<String> auditKinds(Application application) {
		return jdbc.sql("SELECT kind FROM app.audit_entry WHERE case_reference = ? ORDER BY id")
			.param(application.reference().value())
			.query(String.class)
			.list();
	}

	private static ApplicationContent from(String jurisdiction) {
		ObjectNode example = Fixtures.example();
		((ObjectNode) example.get("issuer")).put("jurisdiction", jurisdiction);
		return Fixtures.JSON.convertValue(example, ApplicationContent.class);
	}

}
