package jp.tobira.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a browser does, without a browser: the log-in form with its CSRF token, then
 * requests that ride on the session cookie alone. Redirects are not followed, so a test
 * sees where the application sends the browser.
 */
public final class BrowserSession {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private final String rootUri;

	private String cookie;

	private BrowserSession(String rootUri) {
		this.rootUri = rootUri;
	}

	/** Logs in through the form with password {@code demo} and checks that it worked. */
	public static BrowserSession logIn(String rootUri, String username) {
		BrowserSession session = new BrowserSession(rootUri);
		HttpResponse<String> login = session.submitLogIn(username, "demo");
		assertThat(login.statusCode()).as("log-in redirects").isEqualTo(302);
		assertThat(login.headers().firstValue("Location")).as("log-in succeeded").hasValue(rootUri + "/");
		return session;
	}

	/**
	 * A log-in through the form with a wrong password; returns the response (a redirect
	 * to the error page).
	 */
	public static HttpResponse<String> failLogIn(String rootUri, String username, String password) {
		return new BrowserSession(rootUri).submitLogIn(username, password);
	}

	/**
	 * The same browser, with the same session cookie, sent to another node of the
	 * installation, as a load balancer without sticky sessions may send it.
	 */
	public BrowserSession on(String otherRootUri) {
		BrowserSession elsewhere = new BrowserSession(otherRootUri);
		elsewhere.cookie = cookie;
		return elsewhere;
	}

	/** The session cookie, {@code name=value}. */
	public String cookie() {
		return cookie;
	}

	/** The CSRF token of the form on the given page, as the browser would submit it. */
	public String csrfTokenOn(String path) {
		HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(rootUri + path)).header("Cookie", cookie));
		assertThat(page.statusCode()).as("GET " + path).isEqualTo(200);
		Matcher token = CSRF.matcher(page.body());
		assertThat(token.find()).as("CSRF token on " + path).isTrue();
		return token.group(1);
	}

	/** A GET riding on the session, as a link followed. */
	public HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(URI.create(rootUri + path)).header("Cookie", cookie));
	}

	/**
	 * A form post riding on the session, as {@code application/x-www-form-urlencoded}.
	 */
	public HttpResponse<String> postForm(String path, String form) {
		return send(HttpRequest.newBuilder(URI.create(rootUri + path))
			.header("Cookie", cookie)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)));
	}

	public static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private HttpResponse<String> submitLogIn(String username, String password) {
		HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(rootUri + "/login")));
		cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
		Matcher token = CSRF.matcher(page.body());
		assertThat(token.find()).as("CSRF token on the log-in page").isTrue();
		HttpResponse<String> login = postForm("/login",
				"username=" + encode(username) + "&password=" + encode(password) + "&_csrf=" + encode(token.group(1)));
		// the session id changes on log-in (session fixation protection)
		login.headers().firstValue("Set-Cookie").ifPresent(set -> cookie = set.split(";")[0]);
		return login;
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
