package jp.tobira.worklist.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.WebApplicationContext;

import jp.tobira.Fixtures;
import jp.tobira.TobiraIntegrationTest;
import jp.tobira.application.Application;
import jp.tobira.application.ApplicationContent;
import jp.tobira.application.ApplicationId;
import jp.tobira.application.ApplicationService;
import jp.tobira.application.DocumentService;
import jp.tobira.application.DocumentType;
import jp.tobira.process.OpenCasesInBulk;
import jp.tobira.review.ReviewTasks;
import jp.tobira.security.Actor;
import jp.tobira.security.Group;
import jp.tobira.security.Organisations;
import jp.tobira.worklist.TaskQueues;

/**
 * The reviewers' task list as pages (security, controller, the one SQL query, Thymeleaf):
 * the three queues and their counts, claiming and unclaiming from the list, every filter,
 * every sortable column both ways, paging, and the marks on overdue and escalated rows.
 * Its cases are Canadian, a jurisdiction no other test uses, so the filter
 * {@code jurisdiction=CA} shows exactly them whatever else the shared database holds.
 */
@TobiraIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskListPageIntegrationTests {

	static final String HERE = "CA";

	@Autowired
	WebApplicationContext context;

	@Autowired
	UserDetailsService users;

	@Autowired
	ApplicationService applications;

	@Autowired
	DocumentService documents;

	@Autowired
	ReviewTasks reviewTasks;

	@Autowired
	TaskService engineTasks;

	@Autowired
	ManagementService management;

	@Autowired
	Organisations organisations;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JdbcTemplate jdbcTemplate;

	@Autowired
	TransactionTemplate transactions;

	MockMvc mvc;

	/** Waiting for the completeness check. */
	String fresh;

	/** In review, with a flag from the pre-screen (slow redemption). */
	String flagged;

	/**
	 * Waiting for the home regulator's reply beyond the time allowed: escalated, and
	 * overdue.
	 */
	String escalated;

	/** Waiting for the completeness check beyond its due date. */
	String overdue;

	@BeforeAll
	void makeCases() {
		mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
		Actor intake = new Actor("intake", Set.of(Group.INTAKE), null);
		Actor backing = new Actor("backing", Set.of(Group.BACKING_REVIEW), null);
		Actor cooperation = new Actor("cooperation", Set.of(Group.COOPERATION), null);

		ApplicationId a = submitted("Maple Alpha", "MPA", content -> {
		});
		ApplicationId b = submitted("Maple Bravo", "MPB",
				content -> ((ObjectNode) content.get("redemption")).put("maxBusinessDays", 10));
		ApplicationId c = submitted("Maple Charlie", "MPC", content -> {
		});
		ApplicationId d = submitted("Maple Delta", "MPD", content -> {
		});
		complete(intake, b, "checkCompleteness", "{\"complete\": true}");
		complete(intake, c, "checkCompleteness", "{\"complete\": true}");
		complete(backing, c, "reviewBacking", "{\"outcome\": \"SATISFACTORY\"}");
		complete(cooperation, c, "requestHomeConfirmation", "{\"sent\": true}");
		Job noReply = management.createJobQuery()
			.processInstanceId(processInstanceOf(c))
			.activityId("homeReplyOverdue")
			.singleResult();
		management.executeJob(noReply.getId());
		Date yesterday = Date.from(Instant.now().minusSeconds(86_400));
		engineTasks.setDueDate(task(c, "recordHomeReply").getId(), yesterday);
		engineTasks.setDueDate(task(d, "checkCompleteness").getId(), yesterday);
		fresh = reference(a);
		flagged = reference(b);
		escalated = reference(c);
		overdue = reference(d);
	}

	@Test
	void showsTheThreeQueuesWithTheirCounts() throws Exception {
		TaskQueues.Page groups = page("intake", "/tasks?jurisdiction=CA");
		assertThat(groups.counts()).containsOnlyKeys(TaskQueues.Queue.TABS);
		assertThat(references(groups)).as("intake's groups' queue by default")
			.contains(fresh, overdue)
			.doesNotContain(flagged, escalated);
		assertThat(references(page("backing", "/tasks?queue=GROUPS&jurisdiction=CA"))).containsExactly(flagged);
		assertThat(references(page("decision", "/tasks?queue=GROUPS&jurisdiction=CA")))
			.as("the escalated reply is in the decision group's queue too")
			.containsExactly(escalated);
		assertThat(references(page("intake", "/tasks?queue=ALL&jurisdiction=CA"))).containsExactlyInAnyOrder(fresh,
				flagged, flagged, escalated, overdue);

		String html = html("intake", "/tasks?queue=GROUPS&lang=en");
		TaskQueues.Page unfiltered = page("intake", "/tasks?queue=GROUPS");
		for (TaskQueues.Queue queue : TaskQueues.Queue.TABS) {
			assertThat(html).contains("<span class=\"count\">" + unfiltered.counts().get(queue) + "</span>");
		}
		assertThat(unfiltered.counts().get(TaskQueues.Queue.GROUPS)).isEqualTo(unfiltered.total());
		assertThat(html).contains("My tasks", "My groups&#39; unassigned tasks", "All open cases");
	}

	/**
	 * The API's list is the page's query in its "workable" queue: the reviewer's own
	 * tasks and their groups' unassigned ones, the same rows as the two tabs together.
	 */
	@Test
	void listsInTheApiExactlyTheTasksOfThePagesOwnAndGroupsQueues() throws Exception {
		for (String username : List.of("intake", "backing", "decision")) {
			List<String> onThePage = new java.util.ArrayList<>();
			for (String queue : List.of("MINE", "GROUPS")) {
				page(username, "/tasks?queue=" + queue + "&size=25").rows().forEach(row -> onThePage.add(row.taskId()));
			}
			String json = mvc.perform(get("/api/v1/tasks?size=200").with(user(users.loadUserByUsername(username))))
				.andReturn()
				.getResponse()
				.getContentAsString();
			List<String> inTheApi = new java.util.ArrayList<>();
			new com.fasterxml.jackson.databind.ObjectMapper().readTree(json)
				.forEach(task -> inTheApi.add(task.get("id").asText()));
			long total = page(username, "/tasks?queue=MINE").total() + page(username, "/tasks?queue=GROUPS").total();
			assertThat(inTheApi).as(username).hasSize((int) Math.min(total, 200));
			if (total <= 25) {
				assertThat(inTheApi).as(username).containsExactlyInAnyOrderElementsOf(onThePage);
			}
			else {
				assertThat(inTheApi).as(username).containsAll(onThePage.subList(0, Math.min(onThePage.size(), 25)));
			}
		}
	}

	@Test
	void claimsATaskIntoMyTasksAndUnclaimsItBack() throws Exception {
		String taskId = task(applicationOf(fresh), "checkCompleteness").getId();
		String back = "http://localhost/tasks?queue=GROUPS&jurisdiction=CA&lang=en";

		MvcResult claimed = mvc
			.perform(post("/tasks/" + taskId + "/claim").with(user(users.loadUserByUsername("intake")))
				.with(csrf())
				.header("Referer", back))
			.andReturn();
		assertThat(claimed.getResponse().getRedirectedUrl()).isEqualTo("/tasks?queue=GROUPS&jurisdiction=CA&lang=en");
		assertThat(followed(claimed, "intake")).contains("The task is yours now.");
		TaskQueues.Page mine = page("intake", "/tasks?queue=MINE&jurisdiction=CA");
		assertThat(mine.rows()).extracting(TaskQueues.Row::reference, TaskQueues.Row::assignee)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(fresh, "intake"));
		assertThat(mine.counts().get(TaskQueues.Queue.MINE)).isGreaterThanOrEqualTo(1);
		assertThat(references(page("intake", "/tasks?queue=GROUPS&jurisdiction=CA"))).doesNotContain(fresh);
		assertThat(html("intake", "/tasks?queue=MINE&jurisdiction=CA&lang=en")).contains("Unclaim");

		MvcResult taken = mvc
			.perform(post("/tasks/" + taskId + "/claim").with(user(users.loadUserByUsername("decision")))
				.with(csrf())
				.header("Referer", back))
			.andReturn();
		assertThat(followed(taken, "decision")).as("a task not in one's groups is refused, with the reason")
			.contains("notice error");

		MvcResult unclaimed = mvc
			.perform(post("/tasks/" + taskId + "/unclaim").with(user(users.loadUserByUsername("intake")))
				.with(csrf())
				.header("Referer", "http://localhost/tasks?queue=MINE&lang=en"))
			.andReturn();
		assertThat(unclaimed.getResponse().getRedirectedUrl()).isEqualTo("/tasks?queue=MINE&lang=en");
		assertThat(followed(unclaimed, "intake")).contains("The task is back in its group&#39;s queue.");
		assertThat(references(page("intake", "/tasks?queue=MINE&jurisdiction=CA"))).isEmpty();
		assertThat(references(page("intake", "/tasks?queue=GROUPS&jurisdiction=CA"))).contains(fresh);
	}

	@Test
	void refusesAClaimWithoutTheCsrfToken() throws Exception {
		String taskId = task(applicationOf(overdue), "checkCompleteness").getId();
		int status = mvc.perform(post("/tasks/" + taskId + "/claim").with(user(users.loadUserByUsername("intake"))))
			.andReturn()
			.getResponse()
			.getStatus();
		assertThat(status).isEqualTo(403);
		assertThat(task(applicationOf(overdue), "checkCompleteness").getAssignee()).isNull();
	}

	@Test
	void filtersByTaskJurisdictionFlagOverdueAndEscalation() throws Exception {
		TaskQueues.Page byTask = page("intake", "/tasks?queue=ALL&jurisdiction=CA&task=reviewBacking");
		assertThat(byTask.rows()).extracting(TaskQueues.Row::taskKey).containsOnly("reviewBacking");
		assertThat(references(byTask)).containsExactly(flagged);

		TaskQueues.Page byJurisdiction = page("intake", "/tasks?queue=ALL&jurisdiction=ca");
		assertThat(byJurisdiction.rows()).extracting(TaskQueues.Row::jurisdiction).containsOnly(HERE);
		assertThat(byJurisdiction.total()).isEqualTo(5);

		TaskQueues.Page byFlag = page("intake", "/tasks?queue=ALL&jurisdiction=CA&flagged=true");
		assertThat(byFlag.rows()).allSatisfy(row -> assertThat(row.flags()).isNotEmpty());
		assertThat(references(byFlag)).contains(flagged).doesNotContain(fresh, overdue);
		assertThat(byFlag.rows()).filteredOn(row -> row.reference().equals(flagged))
			.allSatisfy(row -> assertThat(row.flags()).contains("SLOW_REDEMPTION"));

		TaskQueues.Page byOverdue = page("intake", "/tasks?queue=ALL&jurisdiction=CA&overdue=true");
		assertThat(references(byOverdue)).containsExactlyInAnyOrder(escalated, overdue);
		assertThat(byOverdue.rows()).allSatisfy(row -> assertThat(row.overdue(Instant.now())).isTrue());

		assertThat(references(page("intake", "/tasks?queue=ALL&jurisdiction=CA&escalated=true")))
			.containsExactly(escalated);
		assertThat(references(page("intake", "/tasks?queue=ALL&jurisdiction=CA&overdue=true&escalated=true")))
			.containsExactly(escalated);
		assertThat(
				references(page("intake", "/tasks?queue=GROUPS&jurisdiction=CA&task=checkCompleteness&overdue=true")))
			.containsExactly(overdue);

		// a queue of tasks reads what it asks of the case from the task's row (V30)
		TaskQueues.Page flaggedTasks = page("backing", "/tasks?queue=GROUPS&jurisdiction=CA&flagged=true");
		assertThat(references(flaggedTasks)).containsExactly(flagged);
		assertThat(flaggedTasks.total()).isEqualTo(1);
		assertThat(references(page("backing", "/tasks?queue=GROUPS&jurisdiction=CA&escalated=true"))).isEmpty();
		TaskQueues.Page escalatedTasks = page("decision", "/tasks?queue=GROUPS&jurisdiction=CA&escalated=true");
		assertThat(references(escalatedTasks)).containsExactly(escalated);
		assertThat(escalatedTasks.total()).isEqualTo(1);
		assertThat(references(page("decision", "/tasks?queue=GROUPS&jurisdiction=CA&escalated=true&page=1"))).isEmpty();

		String form = html("intake", "/tasks?queue=ALL&jurisdiction=CA&task=reviewBacking&flagged=true&lang=en");
		assertThat(form).contains("value=\"reviewBacking\" selected=\"selected\"",
				"name=\"flagged\" value=\"true\" checked=\"checked\"");
	}

	@Test
	void marksOverdueAndEscalatedRows() throws Exception {
		String html = html("intake", "/tasks?queue=ALL&jurisdiction=CA&lang=en");
		assertThat(rowClasses(html, escalated)).as("overdue and escalated").isEqualTo("overdue escalated");
		assertThat(rowClasses(html, overdue)).isEqualTo("overdue");
		assertThat(rowClasses(html, fresh)).isEmpty();
		assertThat(html).contains("class=\"badge overdue\">overdue</strong>",
				"class=\"badge escalated\">escalated</strong>");
	}

	@Test
	void sortsByEachColumnBothWaysInTheDatabase() throws Exception {
		TaskQueues.Page byDue = page("intake", "/tasks?queue=ALL&jurisdiction=CA");
		assertThat(byDue.rows()).extracting(TaskQueues.Row::due)
			.as("due date first by default, soonest first")
			.isSortedAccordingTo(Comparator.nullsLast(Comparator.naturalOrder()));
		assertSorted("REFERENCE", TaskQueues.Row::reference);
		assertSorted("TOKEN", TaskQueues.Row::tokenName);
		assertSorted("ISSUER", TaskQueues.Row::issuerName);
		assertSorted("TASK", TaskQueues.Row::taskName);
		assertSorted("DUE", TaskQueues.Row::due);

		String html = html("intake", "/tasks?queue=ALL&jurisdiction=CA&sort=TOKEN&desc=true&lang=en");
		assertThat(html).contains("aria-sort=\"descending\"");
		assertThat(html).as("the sorted column's link turns the order round")
			.contains("sort=TOKEN&amp;desc=false")
			.contains("sort=REFERENCE&amp;desc=false");
	}

	@Test
	void pagesThroughMoreRowsThanFitOnAPage() {
		transactions.executeWithoutResult(tx -> {
			// sixty open cases of a made-up jurisdiction, rolled back afterwards: MockMvc
			// runs in this thread and
			// transaction, so the pages see them
			insertOpenCases("QQ", 60);
			try {
				TaskQueues.Page first = page("backing", "/tasks?queue=ALL&jurisdiction=QQ&sort=REFERENCE");
				assertThat(first.total()).isEqualTo(60);
				assertThat(references(first)).hasSize(25).startsWith("EQ-2097-000001").endsWith("EQ-2097-000025");
				TaskQueues.Page second = page("backing", "/tasks?queue=ALL&jurisdiction=QQ&sort=REFERENCE&page=1");
				assertThat(references(second)).hasSize(25).startsWith("EQ-2097-000026");
				TaskQueues.Page last = page("backing", "/tasks?queue=ALL&jurisdiction=QQ&sort=REFERENCE&page=2");
				assertThat(references(last)).hasSize(10).endsWith("EQ-2097-000060");

				String html = html("backing", "/tasks?queue=ALL&jurisdiction=QQ&sort=REFERENCE&page=1&lang=en");
				assertThat(html).contains("aria-label=\"First page\"", "aria-label=\"Previous page\"",
						"aria-label=\"Next page\"", "aria-label=\"Last page\"",
						"aria-label=\"Page 2\" aria-current=\"page\"");
				assertThat(html).as("the links keep the filters and the order")
					.containsPattern(
							"href=\"/tasks\\?queue=ALL[^\"]*jurisdiction=QQ[^\"]*sort=REFERENCE&amp;desc=false&amp;page=2\"");
				String first1 = html("backing", "/tasks?queue=ALL&jurisdiction=QQ&lang=en");
				assertThat(first1).doesNotContain("aria-label=\"First page\"", "aria-label=\"Previous page\"")
					.contains("aria-label=\"Last page\"");
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
			finally {
				tx.setRollbackOnly();
			}
		});
	}

	private <T extends Comparable<T>> void assertSorted(String column, Function<TaskQueues.Row, T> key)
			throws Exception {
		Comparator<T> ascending = Comparator.nullsLast(Comparator.naturalOrder());
		assertThat(page("intake", "/tasks?queue=ALL&jurisdiction=CA&sort=" + column).rows()).extracting(key::apply)
			.as(column + " ascending")
			.isSortedAccordingTo(ascending);
		assertThat(page("intake", "/tasks?queue=ALL&jurisdiction=CA&sort=" + column + "&desc=true").rows())
			.extracting(key::apply)
			.as(column + " descending")
			.isSortedAccordingTo(Comparator.nullsLast(Comparator.<T>naturalOrder().reversed()));
		assertThat(html("intake", "/tasks?queue=ALL&jurisdiction=CA&sort=" + column))
			.contains("aria-sort=\"ascending\"");
	}

	/** The classes of the table row that shows this reference. */
	private static String rowClasses(String html, String reference) {
		int at = html.indexOf(">" + reference + "</a>");
		assertThat(at).as(reference + " is listed").isPositive();
		String row = html.substring(html.lastIndexOf("<tr", at), at);
		Matcher classes = Pattern.compile("<tr[^>]*class=\"([^\"]*)\"").matcher(row);
		return classes.find() ? classes.group(1) : "";
	}

	private TaskQueues.Page page(String username, String path) throws Exception {
		MvcResult result = mvc.perform(get(path).with(user(users.loadUserByUsername(username)))).andReturn();
		assertThat(result.getResponse().getStatus()).as(path).isEqualTo(200);
		return (TaskQueues.Page) result.getModelAndView().getModel().get("result");
	}

	private String html(String username, String path) throws Exception {
		MvcResult result = mvc.perform(get(path).with(user(users.loadUserByUsername(username)))).andReturn();
		assertThat(result.getResponse().getStatus()).as(path).isEqualTo(200);
		return result.getResponse().getContentAsString();
	}

	/** The page a redirect leads to, with its flash message. */
	private String followed(MvcResult redirect, String username) throws Exception {
		return mvc
			.perform(get(redirect.getResponse().getRedirectedUrl()).flashAttrs(redirect.getFlashMap())
				.with(user(users.loadUserByUsername(username))))
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private static List<String> references(TaskQueues.Page page) {
		return page.rows().stream().map(TaskQueues.Row::reference).toList();
	}

	private ApplicationId submitted(String token, String symbol, java.util.function.Consumer<ObjectNode> change) {
		Actor issuer = new Actor("issuer", Set.of(Group.ISSUER),
				organisations.findByName("Example Trust Company, LLC").orElseThrow());
		ObjectNode content = Fixtures.example();
		((ObjectNode) content.get("issuer")).put("jurisdiction", HERE);
		((ObjectNode) content.get("token")).put("name", token).put("symbol", symbol);
		change.accept(content);
		Application draft = applications.create(issuer, Fixtures.JSON.convertValue(content, ApplicationContent.class));
		for (DocumentType type : DocumentType.required()) {
			documents.upload(issuer, draft.id(), type,
					new DocumentService.Upload(Fixtures.pdf(draft.reference() + " " + type + " " + System.nanoTime()),
							type + ".pdf", "application/pdf"));
		}
		applications.submit(issuer, draft.id());
		return draft.id();
	}

	private void complete(Actor actor, ApplicationId id, String taskKey, String form) {
		try {
			reviewTasks.complete(actor, task(id, taskKey).getId(), Fixtures.JSON.readTree(form));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private Task task(ApplicationId id, String taskKey) {
		return engineTasks.createTaskQuery()
			.processInstanceId(processInstanceOf(id))
			.taskDefinitionKey(taskKey)
			.singleResult();
	}

	private String processInstanceOf(ApplicationId id) {
		return jdbc.sql("SELECT process_instance_id FROM app.application WHERE id = ?")
			.param(id.value())
			.query(String.class)
			.single();
	}

	private String reference(ApplicationId id) {
		return jdbc.sql("SELECT reference FROM app.application WHERE id = ?")
			.param(id.value())
			.query(String.class)
			.single();
	}

	private ApplicationId applicationOf(String reference) {
		return new ApplicationId(jdbc.sql("SELECT id FROM app.application WHERE reference = ?")
			.param(reference)
			.query(java.util.UUID.class)
			.single());
	}

	/**
	 * Open cases in review, each with an engine task for the backing reviewers, as
	 * TaskListLoadIntegrationTests.
	 */
	private void insertOpenCases(String jurisdiction, int count) {
		java.util.UUID organisation = organisations.findByName("Example Trust Company, LLC").orElseThrow();
		new OpenCasesInBulk("paging", 2097, 40, 5, 30).insert(jdbcTemplate, organisation, List.of(jurisdiction), count);
	}

}
