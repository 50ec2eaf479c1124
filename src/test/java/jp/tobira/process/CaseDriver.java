package jp.tobira.process;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

import jp.tobira.Fixtures;
import jp.tobira.application.Application;
import jp.tobira.application.ApplicationContent;
import jp.tobira.application.ApplicationId;
import jp.tobira.application.ApplicationService;
import jp.tobira.application.Applications;
import jp.tobira.application.DocumentService;
import jp.tobira.application.DocumentType;
import jp.tobira.review.ReviewTasks;
import jp.tobira.security.Actor;
import jp.tobira.security.Group;
import jp.tobira.security.Organisations;

/**
 * Drives cases through the real entry points (the services the API calls), with the demo
 * users as actors, so the process tests exercise the same path as a reviewer's request.
 * Public for the tests of other features that need a case in a given state (the statutory
 * clock, the letters).
 */
public final class CaseDriver {

	public final Actor issuer;

	public final Actor intake = staff("intake", Group.INTAKE);

	public final Actor backing = staff("backing", Group.BACKING_REVIEW);

	public final Actor cooperation = staff("cooperation", Group.COOPERATION);

	public final Actor decision = staff("decision", Group.DECISION);

	public final Actor decision2 = new Actor("decision2", Set.of(Group.DECISION, Group.BACKING_REVIEW), null);

	private final ApplicationService applications;

	private final DocumentService documents;

	private final Applications repository;

	private final ReviewTasks tasks;

	private final ProcessEngine engine;

	public CaseDriver(ApplicationService applications, DocumentService documents, Applications repository,
			ReviewTasks tasks, ProcessEngine engine, Organisations organisations) {
		this.applications = applications;
		this.documents = documents;
		this.repository = repository;
		this.tasks = tasks;
		this.engine = engine;
		this.issuer = new Actor("issuer", Set.of(Group.ISSUER),
				organisations.findByName("Example Trust Company, LLC").orElseThrow());
	}

	private static Actor staff(String name, Group group) {
		return new Actor(name, Set.of(group), null);
	}

	/**
	 * The canonical application, with its eight documents, submitted; its process
	 * started.
	 */
	public ApplicationId submitted() {
		return submitted(Fixtures.JSON.convertValue(Fixtures.example(), ApplicationContent.class));
	}

	public ApplicationId submitted(ApplicationContent content) {
		Application draft = applications.create(issuer, content);
		for (DocumentType type : DocumentType.required()) {
			documents.upload(issuer, draft.id(), type,
					new DocumentService.Upload(Fixtures.pdf(draft.reference() + " " + type + " " + System.nanoTime()),
							type + ".pdf", "application/pdf"));
		}
		applications.submit(issuer, draft.id());
		return draft.id();
	}

	public Application application(ApplicationId id) {
		return repository.findById(id).orElseThrow();
	}

	public ProcessInstance processOf(ApplicationId id) {
		return engine.getRuntimeService()
			.createProcessInstanceQuery()
			.processDefinitionKey(ApplicationProcess.KEY)
			.processInstanceBusinessKey(application(id).reference().value())
			.singleResult();
	}

	public String processInstanceId(ApplicationId id) {
		return repository.findById(id)
			.map(a -> engine.getHistoryService()
				.createHistoricProcessInstanceQuery()
				.processDefinitionKey(ApplicationProcess.KEY)
				.processInstanceBusinessKey(a.reference().value())
				.singleResult()
				.getId())
			.orElseThrow();
	}

	public Task task(ApplicationId id, String key) {
		return engine.getTaskService()
			.createTaskQuery()
			.processInstanceId(processInstanceId(id))
			.taskDefinitionKey(key)
			.singleResult();
	}

	public List<Task> openTasks(ApplicationId id) {
		return engine.getTaskService().createTaskQuery().processInstanceId(processInstanceId(id)).list();
	}

	public void complete(Actor actor, ApplicationId id, String key, String json) {
		Task task = task(id, key);
		if (task == null) {
			throw new AssertionError("No open task " + key + " on " + application(id).reference() + "; open: "
					+ openTasks(id).stream().map(Task::getTaskDefinitionKey).toList());
		}
		tasks.complete(actor, task.getId(), json(json));
	}

	/**
	 * Completeness confirmed, backing satisfactory, confirmation requested: the case
	 * waits for the reply.
	 */
	public void throughToHomeReply(ApplicationId id) {
		throughToHomeReply(id, backing);
	}

	/**
	 * @param backingReviewer who completes the backing review (a decision-maker too, for
	 * the four-eyes tests)
	 */
	public void throughToHomeReply(ApplicationId id, Actor backingReviewer) {
		complete(intake, id, "checkCompleteness", "{\"complete\": true}");
		complete(backingReviewer, id, "reviewBacking", "{\"outcome\": \"SATISFACTORY\"}");
		complete(cooperation, id, "requestHomeConfirmation", "{\"sent\": true}");
	}

	public void throughToDecision(ApplicationId id) {
		throughToDecision(id, backing);
	}

	public void throughToDecision(ApplicationId id, Actor backingReviewer) {
		throughToHomeReply(id, backingReviewer);
		complete(cooperation, id, "recordHomeReply",
				"{\"confirmed\": true, \"arrangement\": \"MOU\", \"reference\": \"MOU-2026-EXD\"}");
	}

	public static JsonNode json(String json) {
		try {
			return Fixtures.JSON.readTree(json);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
