package jp.tobira.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser's session with the screens over real HTTP, without a browser: logged in
 * through the log-in form, its cookies kept, every POST carrying the CSRF token of the
 * session as a form does. Redirects are not followed, so a test sees the status each
 * request gets.
 */
final class PageSession {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private final String root;

	private final HttpClient client = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private String csrf;

	private PageSession(String root) {
		this.root = root;
	}

	static PageSession logIn(String root, String username) {
		PageSession session = new PageSession(root);
		HttpResponse<String> page = session.get("/login");
		session.csrf = session.csrfOf(page.body());
		HttpResponse<String> login = session.post("/login", Map.of("username", username, "password", "demo"));
		assertThat(login.statusCode()).as("log-in of " + username + " redirects").isEqualTo(302);
		assertThat(login.headers().firstValue("Location")).as("log-in of " + username + " succeeded")
			.hasValue(root + "/");
		// a new session after log-in, with a new token: read it from a page with a form
		session.csrf = session.csrfOf(session.get("/login").body());
		return session;
	}

	HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(URI.create(root + path)).header("Accept", "text/html").GET().build());
	}

	HttpResponse<String> post(String path, Map<String, String> fields) {
		Map<String, String> form = new LinkedHashMap<>(fields);
		form.put("_csrf", csrf);
		String body = form.entrySet()
			.stream()
			.map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(URI.create(root + path))
			.header("Accept", "text/html")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	/**
	 * A multipart upload of one file, as the documents step's form sends it, the token in
	 * the query string.
	 */
	HttpResponse<String> upload(String path, String type, String fileName, byte[] content) {
		return send(multipart(HttpRequest
			.newBuilder(URI.create(root + path + "?_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8)))
			.header("Accept", "text/html"), type, fileName, content));
	}

	/**
	 * A form with a file, as a browser sends it: each field a part, then the file (an
	 * empty one with no name when none was chosen), the token in the query string.
	 */
	HttpResponse<String> postWithFile(String path, Map<String, String> fields, String fileName, byte[] content) {
		String boundary = "----tobira" + System.nanoTime();
		java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
		fields.forEach((name, value) -> body.writeBytes(
				("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
					.getBytes(StandardCharsets.UTF_8)));
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: " + (content.length == 0 ? "application/octet-stream" : "application/pdf")
				+ "\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		body.writeBytes(content);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return send(HttpRequest
			.newBuilder(URI.create(root + path + "?_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8)))
			.header("Accept", "text/html")
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build());
	}

	/** The same upload to the JSON API with HTTP Basic, outside any session. */
	static HttpResponse<String> apiUpload(String root, String username, String path, String type, String fileName,
			byte[] content) {
		String credentials = java.util.Base64.getEncoder()
			.encodeToString((username + ":demo").getBytes(StandardCharsets.UTF_8));
		return new PageSession(root).send(multipart(
				HttpRequest.newBuilder(URI.create(root + path)).header("Authorization", "Basic " + credentials), type,
				fileName, content));
	}

	private static HttpRequest multipart(HttpRequest.Builder request, String type, String fileName, byte[] content) {
		String boundary = "----tobira" + System.nanoTime();
		byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\n" + type + "\r\n--"
				+ boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: application/pdf\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8);
		byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
		byte[] body = new byte[head.length + content.length + tail.length];
		System.arraycopy(head, 0, body, 0, head.length);
		System.arraycopy(content, 0, body, head.length, content.length);
		System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
		return request.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private String csrfOf(String page) {
		Matcher token = CSRF.matcher(page);
		assertThat(token.find()).as("a CSRF token on the page").isTrue();
		return token.group(1);
	}

}
