package jp.tobira.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.impl.BpmnModelConstants;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TimeDuration;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

import jp.tobira.Fixtures;
import jp.tobira.application.ApplicationContent;
import jp.tobira.application.ApplicationId;
import jp.tobira.application.ApplicationStatus;
import jp.tobira.application.Applications;
import jp.tobira.process.CaseDriver;
import jp.tobira.review.ReviewTasks;

/**
 * "Lifecycle throughput" (issue 15): the canonical application from draft to decision,
 * every task done, through the application's services (the draft, its eight documents and
 * the submission by {@link CaseDriver}, each task completed by {@link ReviewTasks} as the
 * user whose job it is, the decision an approval) by 1, 2 and 4 workers at once; and in
 * the same run the same process model driven by the bare engine ({@code RuntimeService}
 * and {@code TaskService} only) as the ceiling.
 *
 * <p>
 * The bare engine's model is the shipped {@code equivalence-application.bpmn} with what
 * calls into the application taken out: its service tasks evaluate {@code ${true}}, its
 * task and execution listeners are gone, the due dates come from a variable and the
 * timers' durations are fixed. What is left is the engine's own work on the same history
 * level and database: the user tasks with their candidate groups, the gateways, the three
 * decision tables, the timer on the home regulator's reply, the history. The variables
 * the gateways and tables read are those a services lifecycle of the same run left in the
 * history (its pre-screen inputs, the tasks' outcomes), so both take the same path.
 */
final class LifecycleThroughput {

	static final String BARE_KEY = "bench-bare-equivalence-application";

	/**
	 * Issue 15: the services' lifecycles a second, at least this share of the bare
	 * engine's.
	 */
	static final double RATIO = 0.9;

	record Settings(List<Integer> workers, int lifecycles, int warmUp, Path output) {
	}

	/** One way of driving, at one number of workers. */
	record Run(String driver, int workers, int lifecycles, int failures, double seconds, double perSecond,
			double meanMillis, double p95Millis, List<String> errors) {
	}

	record Level(int workers, Run services, Run bare, double ratio, double loadBefore, double loadAfter) {
	}

	/**
	 * Where a services lifecycle spends its time, on average: the draft, documents and
	 * submission (which the bare engine has no counterpart of but the process's start),
	 * and the five tasks.
	 */
	record Phases(double submissionMillis, double tasksMillis) {
	}

	/**
	 * One task of the lifecycle: who does it, what they send, and its outcome variable.
	 */
	private record Step(String key, String user, String form, String outcome) {
	}

	private static final List<Step> STEPS = List.of(
			new Step("checkCompleteness", "intake", "{\"complete\": true}", "complete"),
			new Step("reviewBacking", "backing", "{\"outcome\": \"SATISFACTORY\"}", "backingOutcome"),
			new Step("requestHomeConfirmation", "cooperation", "{\"sent\": true}", null),
			new Step("recordHomeReply", "cooperation",
					"{\"confirmed\": true, \"arrangement\": \"MOU\", \"reference\": \"FINMA-FSA-2026\"}",
					"cooperationOutcome"),
			new Step("decide", "decision", "{\"decision\": \"APPROVE\", \"reasons\": \"All in order.\"}", "decision"));

	private final CaseDriver driver;

	private final ReviewTasks tasks;

	private final Applications applications;

	private final ProcessEngine engine;

	private final Settings settings;

	private final ApplicationContent content;

	private final List<Long> submissionNanos = Collections.synchronizedList(new ArrayList<>());

	private final List<Long> taskNanos = Collections.synchronizedList(new ArrayList<>());

	private final AtomicInteger bareCount = new AtomicInteger();

	private Map<String, Object> bareStart;

	private Map<String, Map<String, Object>> bareOutcomes;

	private String deployment;

	LifecycleThroughput(CaseDriver driver, ReviewTasks tasks, Applications applications, ProcessEngine engine,
			Settings settings) {
		this.driver = driver;
		this.tasks = tasks;
		this.applications = applications;
		this.engine = engine;
		this.settings = settings;
		ObjectNode example = Fixtures.example();
		// an approval needs a home framework judged equivalent (the legal gates); the
		// caller judges it so
		((ObjectNode) example.get("issuer")).put("jurisdiction", Fixtures.EQUIVALENT_HOME);
		this.content = Fixtures.JSON.convertValue(example, ApplicationContent.class);
	}

	/**
	 * Deploys the bare model, runs every level, writes and prints; answers the levels.
	 */
	List<Level> run() throws Exception {
		Files.createDirectories(settings.output());
		// one services lifecycle first: the bare engine's variables are read from it
		String instance = servicesLifecycle();
		learnVariables(instance);
		deployment = engine.getRepositoryService()
			.createDeployment()
			.name("bench-bare-lifecycle")
			.addModelInstance(BARE_KEY + ".bpmn", bareModel())
			.deploy()
			.getId();
		for (int i = 0; i < settings.warmUp(); i++) {
			servicesLifecycle();
			bareLifecycle();
		}
		submissionNanos.clear();
		taskNanos.clear();
		List<Level> levels = new ArrayList<>();
		for (int workers : settings.workers()) {
			double before = load();
			Run services = measure("services", workers, this::servicesLifecycle);
			Run bare = measure("bare engine", workers, this::bareLifecycle);
			double ratio = bare.perSecond() == 0 ? 0 : round(services.perSecond() / bare.perSecond(), 100);
			levels.add(new Level(workers, services, bare, ratio, before, load()));
			System.out.printf("BENCH lifecycle, %d worker(s): services %.2f/s, bare engine %.2f/s, ratio %.2f%n",
					workers, services.perSecond(), bare.perSecond(), ratio);
		}
		Phases phases = new Phases(meanMillis(submissionNanos), meanMillis(taskNanos));
		write(levels, phases);
		print(levels, phases);
		return levels;
	}

	/** Removes the bare model's deployment, its instances and their history. */
	void removeBareModel() {
		if (deployment != null) {
			engine.getRepositoryService().deleteDeployment(deployment, true);
		}
	}

	private interface Lifecycle {

		String run() throws Exception;

	}

	private Run measure(String name, int workers, Lifecycle lifecycle) throws InterruptedException {
		AtomicInteger next = new AtomicInteger();
		ConcurrentLinkedQueue<Long> durations = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
		ExecutorService pool = Executors.newFixedThreadPool(workers);
		long start = System.nanoTime();
		List<Future<?>> running = new ArrayList<>();
		for (int w = 0; w < workers; w++) {
			running.add(pool.submit(() -> {
				while (next.getAndIncrement() < settings.lifecycles()) {
					long one = System.nanoTime();
					try {
						lifecycle.run();
						durations.add(System.nanoTime() - one);
					}
					catch (Exception | AssertionError ex) {
						errors.add(ex.toString());
					}
				}
			}));
		}
		pool.shutdown();
		if (!pool.awaitTermination(30, TimeUnit.MINUTES)) {
			throw new IllegalStateException(name + " did not finish in 30 minutes");
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		double[] millis = durations.stream().mapToDouble(n -> n / 1e6).sorted().toArray();
		double mean = Arrays.stream(millis).average().orElse(0);
		double p95 = millis.length == 0 ? 0 : millis[Math.max(0, (int) Math.ceil(0.95 * millis.length) - 1)];
		return new Run(name, workers, millis.length, errors.size(), round(seconds, 1000),
				round(millis.length / seconds, 100), round(mean, 10), round(p95, 10),
				errors.stream().distinct().limit(5).toList());
	}

	/** Draft to decision through the services; answers the process instance. */
	private String servicesLifecycle() {
		long start = System.nanoTime();
		ApplicationId id = driver.submitted(content);
		String instance = driver.processInstanceId(id);
		long submitted = System.nanoTime();
		for (Step step : STEPS) {
			tasks.complete(actor(step.user()), task(instance, step.key()).getId(), CaseDriver.json(step.form()));
		}
		long decided = System.nanoTime();
		ApplicationStatus status = applications.findById(id).orElseThrow().status();
		if (status != ApplicationStatus.APPROVED) {
			throw new IllegalStateException("a lifecycle ended " + status + ", not APPROVED");
		}
		submissionNanos.add(submitted - start);
		taskNanos.add(decided - submitted);
		return instance;
	}

	/**
	 * The same path through the bare model: start, then each task claimed and completed.
	 */
	private String bareLifecycle() {
		Map<String, Object> variables = new HashMap<>(bareStart);
		variables.put("applicationId", UUID.randomUUID().toString());
		String instance = engine.getRuntimeService()
			.startProcessInstanceByKey(BARE_KEY, "BARE-" + bareCount.incrementAndGet(), variables)
			.getId();
		for (Step step : STEPS) {
			String taskId = task(instance, step.key()).getId();
			engine.getTaskService().claim(taskId, step.user());
			engine.getTaskService().complete(taskId, bareOutcomes.get(step.key()));
		}
		if (engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance).count() != 0) {
			throw new IllegalStateException("a bare lifecycle did not end after the decision");
		}
		return instance;
	}

	private Task task(String instance, String key) {
		Task task = engine.getTaskService()
			.createTaskQuery()
			.processInstanceId(instance)
			.taskDefinitionKey(key)
			.singleResult();
		if (task == null) {
			throw new IllegalStateException("no open task " + key + " in " + instance);
		}
		return task;
	}

	private jp.tobira.security.Actor actor(String user) {
		return switch (user) {
			case "intake" -> driver.intake;
			case "backing" -> driver.backing;
			case "cooperation" -> driver.cooperation;
			case "decision" -> driver.decision;
			default -> throw new IllegalArgumentException(user);
		};
	}

	/**
	 * The variables a services lifecycle gave the gateways and decision tables: its start
	 * (the home jurisdiction), the pre-screen's inputs (set by a delegate the bare model
	 * does not call) and each task's outcome.
	 */
	private void learnVariables(String instance) {
		Map<String, Object> history = new HashMap<>();
		for (HistoricVariableInstance variable : engine.getHistoryService()
			.createHistoricVariableInstanceQuery()
			.processInstanceId(instance)
			.list()) {
			history.put(variable.getName(), variable.getValue());
		}
		Map<String, Object> start = new HashMap<>();
		start.put("jurisdiction", required(history, "jurisdiction"));
		history.forEach((name, value) -> {
			if (name.endsWith("Passed")) {
				start.put(name, value);
			}
		});
		if (start.size() < 2) {
			throw new IllegalStateException("no pre-screen inputs in the history of " + instance + ": " + history);
		}
		// the due date every bare task gets, as a services task gets one from its
		// deadline
		start.put("due", Date.from(Instant.now().plusSeconds(30L * 24 * 3600)));
		Map<String, Map<String, Object>> outcomes = new HashMap<>();
		for (Step step : STEPS) {
			outcomes.put(step.key(),
					step.outcome() == null ? Map.of() : Map.of(step.outcome(), required(history, step.outcome())));
		}
		this.bareStart = start;
		this.bareOutcomes = outcomes;
	}

	private static Object required(Map<String, Object> history, String name) {
		Object value = history.get(name);
		if (value == null) {
			throw new IllegalStateException("variable " + name + " is not in the history: " + history.keySet());
		}
		return value;
	}

	/**
	 * The shipped model without its calls into the application (see the class comment).
	 */
	static BpmnModelInstance bareModel() {
		BpmnModelInstance model;
		try (InputStream in = LifecycleThroughput.class.getResourceAsStream("/bpmn/equivalence-application.bpmn")) {
			model = Bpmn.readModelFromStream(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		var processes = model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class);
		if (processes.size() != 1) {
			throw new IllegalStateException("expected one process in the model, found " + processes.size());
		}
		processes.iterator().next().setId(BARE_KEY);
		for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
			for (String attribute : List.of("delegateExpression", "class", "resultVariable", "type")) {
				task.removeAttributeNs(BpmnModelConstants.CAMUNDA_NS, attribute);
			}
			task.setCamundaExpression("${true}");
		}
		for (UserTask task : model.getModelElementsByType(UserTask.class)) {
			task.setCamundaDueDate("${due}");
		}
		List<ModelElementInstance> listeners = new ArrayList<>();
		listeners.addAll(model.getModelElementsByType(CamundaTaskListener.class));
		listeners.addAll(model.getModelElementsByType(CamundaExecutionListener.class));
		for (ModelElementInstance listener : listeners) {
			listener.getParentElement().removeChildElement(listener);
		}
		for (TimeDuration duration : model.getModelElementsByType(TimeDuration.class)) {
			duration.setTextContent("P30D");
		}
		return model;
	}

	private void write(List<Level> levels, Phases phases) throws IOException {
		Map<String, Object> results = new LinkedHashMap<>();
		results.put("benchmark", "lifecycle throughput");
		results.put("measuredAt", Instant.now().toString());
		results.put("processors", Runtime.getRuntime().availableProcessors());
		results.put("lifecyclesPerLevel", settings.lifecycles());
		results.put("warmUp", settings.warmUp());
		results.put("levels", levels);
		results.put("servicesPhases", phases);
		new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
			.writeValue(settings.output().resolve("lifecycle.json").toFile(), results);
	}

	private void print(List<Level> levels, Phases phases) {
		System.out.println();
		System.out.println("BENCH | workers | services /s | bare engine /s | ratio | services mean / p95 ms | "
				+ "bare mean / p95 ms | failures | load");
		for (Level level : levels) {
			System.out.printf("BENCH | %d | %.2f | %.2f | %.2f | %.0f / %.0f | %.0f / %.0f | %d / %d | %.1f-%.1f%n",
					level.workers(), level.services().perSecond(), level.bare().perSecond(), level.ratio(),
					level.services().meanMillis(), level.services().p95Millis(), level.bare().meanMillis(),
					level.bare().p95Millis(), level.services().failures(), level.bare().failures(), level.loadBefore(),
					level.loadAfter());
		}
		System.out.printf(
				"BENCH services lifecycle: draft, documents and submission %.0f ms, five tasks %.0f ms " + "(means)%n",
				phases.submissionMillis(), phases.tasksMillis());
		for (Level level : levels) {
			System.out.println(Targets.line(
					"lifecycle, " + level.workers() + " worker(s)", String
						.format("%.2f of the bare engine's lifecycles a second (at least %.1f)", level.ratio(), RATIO),
					level.services().failures() == 0 && level.ratio() >= RATIO));
		}
	}

	private static double meanMillis(List<Long> nanos) {
		synchronized (nanos) {
			return round(nanos.stream().mapToLong(Long::longValue).average().orElse(0) / 1e6, 10);
		}
	}

	private static double round(double value, int scale) {
		return Math.round(value * scale) / (double) scale;
	}

	private static double load() {
		return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
	}

}
