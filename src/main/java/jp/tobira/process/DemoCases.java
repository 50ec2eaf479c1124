package jp.tobira.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfWriter;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import jp.tobira.application.Application;
import jp.tobira.application.ApplicationContent;
import jp.tobira.application.ApplicationId;
import jp.tobira.application.ApplicationService;
import jp.tobira.application.DocumentService;
import jp.tobira.application.DocumentType;
import jp.tobira.cooperation.EquivalenceStatus;
import jp.tobira.cooperation.Jurisdictions;
import jp.tobira.security.Actor;
import jp.tobira.security.DemoMode;
import jp.tobira.security.Group;
import jp.tobira.security.Organisations;

/**
 * In demo mode, a new installation shows a living system: one case in each stage (draft, completeness check,
 * request for information, review, waiting for the home regulator, escalated, decision, approved, rejected), made
 * through the same services the screens and the API use, from the canonical application. Runs once, on an empty
 * database.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class DemoCases implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoCases.class);

	private final DemoMode demoMode;

	private final ApplicationService applications;

	private final DocumentService documents;

	private final ReviewTasks tasks;

	private final TaskService engineTasks;

	private final ManagementService management;

	private final Jurisdictions jurisdictions;

	private final Organisations organisations;

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	private final TaskForms forms;

	DemoCases(DemoMode demoMode, ApplicationService applications, DocumentService documents, ReviewTasks tasks,
			TaskService engineTasks, ManagementService management, Jurisdictions jurisdictions,
			Organisations organisations, JdbcClient jdbc, ObjectMapper json, TaskForms forms) {
		this.demoMode = demoMode;
		this.applications = applications;
		this.documents = documents;
		this.tasks = tasks;
		this.engineTasks = engineTasks;
		this.management = management;
		this.jurisdictions = jurisdictions;
		this.organisations = organisations;
		this.jdbc = jdbc;
		this.json = json;
		this.forms = forms;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!demoMode.enabled() || !demoMode.cases()
				|| jdbc.sql("SELECT count(*) FROM app.application").query(Long.class).single() > 0) {
			return;
		}
		create();
		log.info("Demo mode: created one case in each stage");
	}

	void create() {
		jurisdictions.set("admin", "SG", "Singapore", EquivalenceStatus.EQUIVALENT, "demo data");
		jurisdictions.set("admin", "KY", "Cayman Islands", EquivalenceStatus.NOT_EQUIVALENT, "demo data");

		Actor issuer = issuer("issuer", "Example Trust Company, LLC");
		Actor issuer2 = issuer("issuer2", "Sample Stable Issuer Ltd.");
		Actor intake = staff("intake", Group.INTAKE);
		Actor backing = staff("backing", Group.BACKING_REVIEW);
		Actor cooperation = staff("cooperation", Group.COOPERATION);
		Actor decision = staff("decision", Group.DECISION);

		applications.create(issuer, variant(t -> {
			((ObjectNode) t.get("token")).put("name", "Example Yen").put("symbol", "EXJ").put("peggedCurrency", "JPY");
			t.remove(List.of("reserves", "audit", "redemption"));
		}));

		submitted(issuer, t -> ((ObjectNode) t.get("token")).put("name", "Example Euro").put("symbol", "EXE")
			.put("peggedCurrency", "EUR"));

		ApplicationId rfi = submitted(issuer, t -> ((ObjectNode) t.get("token")).put("name", "Example Pound")
			.put("symbol", "EXP").put("peggedCurrency", "GBP"));
		complete(intake, rfi, "checkCompleteness", "{\"complete\": false, \"missing\": [\"AUDIT_REPORT\"], "
				+ "\"message\": \"The audit report is not signed by the engagement partner. Please send the signed report.\"}");

		ApplicationId review = submitted(issuer2, t -> sampleStable(t, "Lion Dollar", "LSD", "SGD", "SG"));
		complete(intake, review, "checkCompleteness", "{\"complete\": true}");

		ApplicationId awaitingReply = submitted(issuer, t -> ((ObjectNode) t.get("token"))
			.put("name", "Example Franc").put("symbol", "EXF").put("peggedCurrency", "CHF"));
		throughToHomeReply(intake, backing, cooperation, awaitingReply);

		ApplicationId escalated = submitted(issuer2, t -> sampleStable(t, "Harbour Dollar", "HBD", "SGD", "SG"));
		throughToHomeReply(intake, backing, cooperation, escalated);
		Job overdue = management.createJobQuery()
			.processInstanceId(processInstanceOf(escalated))
			.activityId("homeReplyOverdue")
			.singleResult();
		management.executeJob(overdue.getId());

		ApplicationId atDecision = submitted(issuer, t -> ((ObjectNode) t.get("token"))
			.put("name", "Example Dollar Plus").put("symbol", "EXDP"));
		throughToHomeReply(intake, backing, cooperation, atDecision);
		complete(cooperation, atDecision, "recordHomeReply",
				"{\"confirmed\": true, \"arrangement\": \"MOU\", \"reference\": \"NYDFS-MOU-2026-07\"}");

		ApplicationId approved = submitted(issuer, t -> {
		});
		throughToHomeReply(intake, backing, cooperation, approved);
		complete(cooperation, approved, "recordHomeReply",
				"{\"confirmed\": true, \"arrangement\": \"MOU\", \"reference\": \"NYDFS-MOU-2026-07\"}");
		complete(decision, approved, "decide", "{\"decision\": \"APPROVE_WITH_CONDITIONS\", "
				+ "\"conditions\": \"Monthly reserve attestations to be filed with the supervisor.\", "
				+ "\"reasons\": \"Backing and audit in order; the home framework is still under assessment.\"}");

		ApplicationId rejected = submitted(issuer2, t -> sampleStable(t, "Island Dollar", "ISD", "USD", "KY"));
		complete(intake, rejected, "checkCompleteness", "{\"complete\": true}");
		complete(backing, rejected, "reviewBacking",
				"{\"outcome\": \"CONCERNS\", \"findings\": \"Reserves held with a single unrated custodian.\"}");
		complete(decision, rejected, "decide", "{\"decision\": \"REJECT\", "
				+ "\"reasons\": \"The home framework is not equivalent, and the reserves are not independently custodied.\"}");
	}

	private void throughToHomeReply(Actor intake, Actor backing, Actor cooperation, ApplicationId id) {
		complete(intake, id, "checkCompleteness", "{\"complete\": true}");
		complete(backing, id, "reviewBacking", "{\"outcome\": \"SATISFACTORY\"}");
		complete(cooperation, id, "requestHomeConfirmation", "{\"sent\": true}");
	}

	private ApplicationId submitted(Actor issuer, Consumer<ObjectNode> change) {
		Application draft = applications.create(issuer, variant(change));
		for (DocumentType type : DocumentType.required()) {
			documents.upload(issuer, draft.id(), type, new DocumentService.Upload(
					pdf(draft.reference() + " — " + type + " (demo document)"),
					type.name().toLowerCase().replace('_', '-') + ".pdf", "application/pdf"));
		}
		applications.submit(issuer, draft.id());
		return draft.id();
	}

	private void complete(Actor actor, ApplicationId id, String taskKey, String form) {
		Task task = engineTasks.createTaskQuery()
			.processInstanceId(processInstanceOf(id))
			.taskDefinitionKey(taskKey)
			.singleResult();
		tasks.complete(actor, task.getId(), read(form));
	}

	private String processInstanceOf(ApplicationId id) {
		return jdbc.sql("SELECT process_instance_id FROM app.application WHERE id = ?")
			.param(id.value())
			.query(String.class)
			.single();
	}

	private ApplicationContent variant(Consumer<ObjectNode> change) {
		try (InputStream in = new ClassPathResource("demo/application.json").getInputStream()) {
			ObjectNode content = (ObjectNode) json.readTree(in);
			change.accept(content);
			return json.treeToValue(content, ApplicationContent.class);
		}
		catch (IOException ex) {
			throw new IllegalStateException("The demo application cannot be read", ex);
		}
	}

	private static void sampleStable(ObjectNode content, String token, String symbol, String currency,
			String jurisdiction) {
		((ObjectNode) content.get("issuer")).put("legalName", "Sample Stable Issuer Ltd.")
			.put("registrationNumber", "SSI-2019-0077")
			.put("jurisdiction", jurisdiction)
			.put("homeRegulator", "SG".equals(jurisdiction) ? "Monetary Authority of Singapore"
					: "Cayman Islands Monetary Authority")
			.put("licenceReference", "MPI-2024-0311")
			.put("address", "1 Demo Quay, #10-01, Singapore 049315")
			.put("contactEmail", "compliance@sample-stable.test");
		((ObjectNode) content.get("token")).put("name", token).put("symbol", symbol).put("peggedCurrency", currency);
	}

	private JsonNode read(String form) {
		try {
			return json.readTree(form);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Actor issuer(String username, String organisation) {
		return new Actor(username, Set.of(Group.ISSUER), organisations.findByName(organisation).orElseThrow());
	}

	private static Actor staff(String username, Group group) {
		return new Actor(username, Set.of(group), null);
	}

	/** A small real PDF, so that demo documents open in a browser like any other. */
	static byte[] pdf(String text) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Document document = new Document();
		try {
			PdfWriter.getInstance(document, out);
			document.open();
			document.add(new Paragraph(text));
		}
		catch (DocumentException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			document.close();
		}
		return out.toByteArray();
	}
}
