package jp.tobira.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import jp.tobira.Fixtures;

/**
 * The pinned JSON API over {@code java.net.http}, for an application in another process:
 * a request either gets its response or an {@link IOException} (the server died under
 * it), never a retry behind the caller's back, so a test knows exactly which requests
 * were acknowledged.
 */
public final class HttpApi {

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String baseUri;

	private final String authorization;

	private HttpApi(String baseUri, String authorization) {
		this.baseUri = baseUri;
		this.authorization = authorization;
	}

	/** A demo user (password {@code demo}) with HTTP Basic. */
	public static HttpApi basic(String baseUri, String username) {
		return new HttpApi(baseUri,
				"Basic " + Base64.getEncoder().encodeToString((username + ":demo").getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * A demo user with an API token issued to them: a token is checked with an HMAC,
	 * where Basic costs a password hash on every request, which would make a burst of
	 * requests a benchmark of BCrypt.
	 */
	public static HttpApi withToken(String baseUri, String username) throws IOException, InterruptedException {
		Response issued = basic(baseUri, username).postJson("/api/v1/api-tokens",
				"{\"name\": \"test " + UUID.randomUUID() + "\"}");
		if (issued.status() != 201) {
			throw new IllegalStateException("no API token for " + username + ": " + issued);
		}
		return new HttpApi(baseUri, "Bearer " + issued.json().get("token").asText());
	}

	/** The same caller, at another address (the application restarted on a new port). */
	public HttpApi at(String otherBaseUri) {
		return new HttpApi(otherBaseUri, authorization);
	}

	public Response get(String path) throws IOException, InterruptedException {
		return send(request(path).GET());
	}

	public byte[] getBytes(String path) throws IOException, InterruptedException {
		HttpResponse<byte[]> response = HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("GET " + path + ": " + response.statusCode());
		}
		return response.body();
	}

	public Response post(String path) throws IOException, InterruptedException {
		return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
	}

	public Response postJson(String path, String json) throws IOException, InterruptedException {
		return send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	/** {@code POST /api/v1/applications/{id}/documents}: one PDF of the given type. */
	public Response uploadPdf(String applicationId, String type, String fileName, byte[] content)
			throws IOException, InterruptedException {
		String boundary = "tobira-" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\n" + type + "\r\n");
		write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: application/pdf\r\n\r\n");
		body.write(content);
		write(body, "\r\n--" + boundary + "--\r\n");
		return send(request("/api/v1/applications/" + applicationId + "/documents")
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
	}

	public static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(baseUri + path))
			.timeout(Duration.ofSeconds(60))
			.header("Authorization", authorization)
			.header("Accept", "application/json");
	}

	private static Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
		HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		return new Response(response.statusCode(), response.body());
	}

	private static void write(ByteArrayOutputStream body, String text) {
		body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
	}

	public record Response(int status, String body) {

		public boolean ok() {
			return status >= 200 && status < 300;
		}

		public JsonNode json() {
			try {
				return Fixtures.JSON.readTree(body == null || body.isEmpty() ? "null" : body);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Not JSON: " + body, ex);
			}
		}

		@Override
		public String toString() {
			return status + " " + body;
		}

	}

}
