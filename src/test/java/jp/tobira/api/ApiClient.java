package jp.tobira.api;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import jp.tobira.Fixtures;

/**
 * The pinned JSON API as a demo user calls it: HTTP Basic, JSON in, status and body out.
 */
public final class ApiClient {

	private final TestRestTemplate rest;

	private final String username;

	public ApiClient(TestRestTemplate rest, String username) {
		this.rest = username == null ? rest : rest.withBasicAuth(username, "demo");
		this.username = username;
	}

	public Response get(String path) {
		return exchange(HttpMethod.GET, path, null);
	}

	public Response postJson(String path, String json) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return exchange(HttpMethod.POST, path, new HttpEntity<>(json, headers));
	}

	public Response putJson(String path, String json) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return exchange(HttpMethod.PUT, path, new HttpEntity<>(json, headers));
	}

	public Response delete(String path) {
		return exchange(HttpMethod.DELETE, path, new HttpEntity<>(null, new HttpHeaders()));
	}

	public Response post(String path) {
		return exchange(HttpMethod.POST, path, new HttpEntity<>(null, new HttpHeaders()));
	}

	public Response upload(String applicationId, String type, String fileName, byte[] content, String contentType) {
		MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
		HttpHeaders partHeaders = new HttpHeaders();
		partHeaders.setContentType(MediaType.parseMediaType(contentType));
		parts.add("file", new HttpEntity<>(new ByteArrayResource(content) {
			@Override
			public String getFilename() {
				return fileName;
			}
		}, partHeaders));
		if (type != null) {
			parts.add("type", type);
		}
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.MULTIPART_FORM_DATA);
		return exchange(HttpMethod.POST, "/api/v1/applications/" + applicationId + "/documents",
				new HttpEntity<>(parts, headers));
	}

	/**
	 * {@code POST /api/v1/applications/{id}/rfi-response}: a message and any number of
	 * file and type pairs.
	 */
	public Response answerRfi(String applicationId, String message, String type, String fileName, byte[] content) {
		MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
		parts.add("message", message);
		if (content != null) {
			HttpHeaders partHeaders = new HttpHeaders();
			partHeaders.setContentType(MediaType.APPLICATION_PDF);
			parts.add("file", new HttpEntity<>(new ByteArrayResource(content) {
				@Override
				public String getFilename() {
					return fileName;
				}
			}, partHeaders));
			parts.add("type", type);
		}
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.MULTIPART_FORM_DATA);
		return exchange(HttpMethod.POST, "/api/v1/applications/" + applicationId + "/rfi-response",
				new HttpEntity<>(parts, headers));
	}

	/**
	 * {@code POST /api/v1/applications/{id}/reserve-reports}: the report as JSON and an
	 * attestation PDF of its own.
	 */
	public Response fileReserveReport(Case of, String reportJson) {
		MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
		HttpHeaders jsonHeaders = new HttpHeaders();
		jsonHeaders.setContentType(MediaType.APPLICATION_JSON);
		parts.add("report", new HttpEntity<>(reportJson, jsonHeaders));
		HttpHeaders fileHeaders = new HttpHeaders();
		fileHeaders.setContentType(MediaType.APPLICATION_PDF);
		parts.add("file", new HttpEntity<>(
				new ByteArrayResource(Fixtures.pdf(of.reference() + " attestation " + System.nanoTime())) {
					@Override
					public String getFilename() {
						return "attestation.pdf";
					}
				}, fileHeaders));
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.MULTIPART_FORM_DATA);
		return exchange(HttpMethod.POST, "/api/v1/applications/" + of.id() + "/reserve-reports",
				new HttpEntity<>(parts, headers));
	}

	/**
	 * The canonical application from a home jurisdiction judged equivalent, submitted by
	 * the demo issuer and approved through the API by the users whose job it is: a
	 * recognised token under supervision.
	 */
	public static Case approvedCanonical(TestRestTemplate rest, String equivalentHome) {
		return approvedCanonical(rest, equivalentHome, (submitted, step) -> {
		});
	}

	/**
	 * The same, telling {@code after} of each step once it is done: {@code "submitted"},
	 * then the key of each task completed, for a test that looks at the case between
	 * them.
	 */
	public static Case approvedCanonical(TestRestTemplate rest, String equivalentHome,
			java.util.function.BiConsumer<Case, String> after) {
		ApiClient issuer = new ApiClient(rest, "issuer");
		ApiClient intake = new ApiClient(rest, "intake");
		ApiClient backing = new ApiClient(rest, "backing");
		ApiClient cooperation = new ApiClient(rest, "cooperation");
		ApiClient decision = new ApiClient(rest, "decision");
		Case submitted = issuer.submitCanonicalFrom(equivalentHome);
		String reference = submitted.reference();
		after.accept(submitted, "submitted");
		intake.complete(intake.taskId(reference, "checkCompleteness"), "{\"complete\": true}");
		after.accept(submitted, "checkCompleteness");
		backing.complete(backing.taskId(reference, "reviewBacking"), "{\"outcome\": \"SATISFACTORY\"}");
		after.accept(submitted, "reviewBacking");
		cooperation.complete(cooperation.taskId(reference, "requestHomeConfirmation"), "{\"sent\": true}");
		after.accept(submitted, "requestHomeConfirmation");
		cooperation.complete(cooperation.taskId(reference, "recordHomeReply"),
				"{\"confirmed\": true, \"arrangement\": \"MOU\", \"reference\": \"FINMA-FSA-2026\"}");
		after.accept(submitted, "recordHomeReply");
		Response decided = decision.complete(decision.taskId(reference, "decide"),
				"{\"decision\": \"APPROVE\", \"reasons\": \"Backing and audit in order.\"}");
		if (decided.status() != 200) {
			throw new AssertionError("approval failed: " + decided);
		}
		after.accept(submitted, "decide");
		return submitted;
	}

	public ResponseEntity<byte[]> getBytes(String path) {
		return rest.exchange(path, HttpMethod.GET, null, byte[].class);
	}

	/** The eight required document types, in the order of ARCHITECTURE.md §3. */
	public static final java.util.List<String> REQUIRED_DOCUMENTS = java.util.List.of("TRUST_DEED", "AUDIT_REPORT",
			"RESERVE_ATTESTATION", "HOME_LICENCE", "LEGAL_OPINION", "REDEMPTION_POLICY", "INFO_SHARING_UNDERTAKING",
			"WHITE_PAPER");

	/** A case as the API knows it. */
	public record Case(String id, String reference) {
	}

	/**
	 * The canonical application created, with its eight documents, and submitted, by this
	 * (issuer) client.
	 */
	public Case submitCanonical() {
		return submit(Fixtures.exampleJson());
	}

	/**
	 * The canonical application from another home jurisdiction (such as one judged
	 * equivalent, so that it may be approved), created and submitted.
	 */
	public Case submitCanonicalFrom(String jurisdiction) {
		return submit(Fixtures.exampleJsonFrom(jurisdiction));
	}

	/** An application created with its eight documents, and submitted. */
	public Case submit(String applicationJson) {
		JsonNode draft = postJson("/api/v1/applications", applicationJson).json();
		Case created = new Case(draft.get("id").asText(), draft.get("reference").asText());
		for (String type : REQUIRED_DOCUMENTS) {
			Response uploaded = upload(created.id(), type, type.toLowerCase() + ".pdf",
					Fixtures.pdf(created.reference() + " " + type), "application/pdf");
			if (uploaded.status() != 201) {
				throw new AssertionError("upload of " + type + " failed: " + uploaded);
			}
		}
		Response submitted = post("/api/v1/applications/" + created.id() + "/submit");
		if (submitted.status() != 200) {
			throw new AssertionError("submission failed: " + submitted);
		}
		return created;
	}

	/** The id of the caller's open task with this key on this case. */
	public String taskId(String reference, String taskKey) {
		JsonNode tasks = get("/api/v1/tasks?size=200").json();
		for (JsonNode task : tasks) {
			if (task.get("reference").asText().equals(reference) && task.get("taskKey").asText().equals(taskKey)) {
				return task.get("id").asText();
			}
		}
		throw new AssertionError(username + " has no open task " + taskKey + " on " + reference + ": " + tasks);
	}

	public Response complete(String taskId, String form) {
		return postJson("/api/v1/tasks/" + taskId + "/complete", form);
	}

	private Response exchange(HttpMethod method, String path, HttpEntity<?> entity) {
		ResponseEntity<String> response = rest.exchange(path, method, entity, String.class);
		return new Response(response);
	}

	public String username() {
		return username;
	}

	public record Response(ResponseEntity<String> entity) {

		public int status() {
			return entity.getStatusCode().value();
		}

		public JsonNode json() {
			try {
				return Fixtures.JSON.readTree(entity.getBody() == null ? "null" : entity.getBody());
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Not JSON: " + entity.getBody(), ex);
			}
		}

		public String body() {
			return entity.getBody();
		}

		public HttpHeaders headers() {
			return entity.getHeaders();
		}

		@Override
		public String toString() {
			return status() + " " + entity.getBody();
		}
	}

}
