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
