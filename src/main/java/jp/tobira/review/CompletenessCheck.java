package jp.tobira.review;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.stereotype.Component;

import jp.tobira.application.Application;
import jp.tobira.application.DocumentType;
import jp.tobira.application.RequestsForInformation;
import jp.tobira.security.Actor;
import jp.tobira.security.Group;
import jp.tobira.validation.InvalidInput;
import jp.tobira.validation.Phrase;

/**
 * {@code checkCompleteness}: {@code {"complete": true}} or {@code {"complete": false,
 * "missing": [...], "message": "..."}}. Incomplete records a request for information; the
 * model then sends it and waits.
 */
@Component
public class CompletenessCheck extends TaskDefinition {

	public static final String KEY = "checkCompleteness";

	/** The parts of the application a request may name besides a document. */
	static final List<String> SECTIONS = List.of("issuer", "token", "trust", "reserves", "audit", "redemption",
			"intermediary");

	/** What a request may name: a document type or a part of the application. */
	static final Set<String> ITEMS = Stream
		.concat(Arrays.stream(DocumentType.values()).map(Enum::name), SECTIONS.stream())
		.collect(Collectors.toUnmodifiableSet());

	record Form(Boolean complete, List<String> missing, String message, String note,
			Map<String, Map<String, String>> checklist) {
	}

	private final TaskForms forms;

	private final Findings findings;

	private final RequestsForInformation rfis;

	CompletenessCheck(TaskForms forms, Findings findings, RequestsForInformation rfis) {
		super(KEY, Group.INTAKE, 10, Form.class, List.of("COMPLETE", "INCOMPLETE"), Set.of());
		this.forms = forms;
		this.findings = findings;
		this.rfis = rfis;
	}

	/** The checklist: each required document, then each part of the application. */
	@Override
	public Map<String, Object> formModel() {
		List<Checklist.Item> items = Stream
			.concat(DocumentType.required()
				.stream()
				.map(type -> new Checklist.Item(type.name(), Phrase.of("document." + type))),
					SECTIONS.stream().map(section -> new Checklist.Item(section, Phrase.of("section." + section))))
			.toList();
		return Map.of("checklist", new Checklist(items, List.of("PRESENT", "MISSING", "DEFICIENT")));
	}

	@Override
	public Object complete(Actor actor, Application application, JsonNode json) {
		Form form = forms.read(json, Form.class);
		if (form.complete() == null) {
			throw InvalidInput.of("complete", "problem.trueOrFalse");
		}
		Map<String, Map<String, String>> checklist = form.checklist() == null ? Map.of() : form.checklist();
		if (form.complete()) {
			List<String> marked = checklist.entrySet()
				.stream()
				.filter(item -> List.of("MISSING", "DEFICIENT").contains(item.getValue().get("verdict")))
				.map(Map.Entry::getKey)
				.toList();
			if (!marked.isEmpty()) {
				throw InvalidInput.of("complete", "problem.completeButMarked", marked.toString());
			}
			findings.record(application.id(), KEY, "COMPLETE", form.note(), Map.of("checklist", checklist),
					actor.username());
		}
		else {
			// what the checklist marks missing or deficient is what the request asks for,
			// unless it is named
			List<String> missing = form.missing() != null && !form.missing().isEmpty() ? form.missing()
					: checklist.entrySet()
						.stream()
						.filter(item -> List.of("MISSING", "DEFICIENT").contains(item.getValue().get("verdict")))
						.map(Map.Entry::getKey)
						.toList();
			if (missing.isEmpty()) {
				throw InvalidInput.of("missing", "problem.nameMissing");
			}
			missing.stream().filter(item -> !ITEMS.contains(item)).findFirst().ifPresent(item -> {
				throw InvalidInput.of("missing", "problem.unknownItem", item);
			});
			rfis.raise(application.id(), KEY, missing, form.message(), actor.username());
			findings.record(application.id(), KEY, "INCOMPLETE", form.message(),
					Map.of("missing", missing, "checklist", checklist), actor.username());
		}
		return form.complete();
	}

}
