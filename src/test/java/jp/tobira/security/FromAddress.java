package jp.tobira.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP from a loopback address other than 127.0.0.1 (Linux answers the whole 127.0.0.0/8
 * on {@code lo}): the throttle keys on the client's address, and the other test classes
 * all log in from 127.0.0.1, so the failures a throttle test provokes never count against
 * them. Java 17's HTTP client cannot choose its local address, hence a plain socket
 * speaking HTTP/1.0 (the server then closes the connection after the response and never
 * chunks it).
 */
final class FromAddress {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	record Response(int status, Map<String, List<String>> headers, String body) {

		Optional<String> header(String name) {
			return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()).stream().findFirst();
		}

	}

	private final String address;

	private final int port;

	FromAddress(String address, int port) {
		this.address = address;
		this.port = port;
	}

	String address() {
		return address;
	}

	/**
	 * A log-in through the form (with the log-in page's CSRF token and session cookie).
	 */
	Response logInByForm(String username, String password) {
		Response page = send("GET", "/login", Map.of(), null);
		String cookie = page.header("Set-Cookie").orElseThrow().split(";")[0];
		Matcher token = CSRF.matcher(page.body());
		assertThat(token.find()).as("CSRF token on the log-in page").isTrue();
		String form = "username=" + BrowserSession.encode(username) + "&password=" + BrowserSession.encode(password)
				+ "&_csrf=" + BrowserSession.encode(token.group(1));
		return send("POST", "/login", Map.of("Cookie", cookie, "Content-Type", "application/x-www-form-urlencoded"),
				form);
	}

	/** A request with HTTP Basic credentials. */
	Response withBasic(String path, String username, String password) {
		String credentials = Base64.getEncoder()
			.encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
		return send("GET", path, Map.of("Authorization", "Basic " + credentials), null);
	}

	Response get(String path) {
		return send("GET", path, Map.of(), null);
	}

	private Response send(String method, String path, Map<String, String> headers, String body) {
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(address, 0));
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
			socket.setSoTimeout(30_000);
			byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
			StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.0\r\n");
			request.append("Host: localhost:").append(port).append("\r\n");
			headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
			if (body != null) {
				request.append("Content-Length: ").append(content.length).append("\r\n");
			}
			request.append("Connection: close\r\n\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.write(content);
			out.flush();
			return parse(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Response parse(String raw) {
		int end = raw.indexOf("\r\n\r\n");
		String[] lines = raw.substring(0, end).split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			headers
				.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
				.add(lines[i].substring(colon + 1).trim());
		}
		return new Response(status, headers, raw.substring(end + 4));
	}

}
