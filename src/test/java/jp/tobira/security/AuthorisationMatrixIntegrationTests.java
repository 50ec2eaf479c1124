package jp.tobira.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import jp.tobira.TobiraIntegrationTest;

/**
 * Who may call what: every endpoint of the application, API and pages, for every role and
 * for the anonymous, with the answer each must get. A row names the endpoint and the
 * roles it admits; any other signed-in role must get 403, the anonymous 401 (API) or the
 * log-in page (pages), and an admitted role anything but those (a made-up id is then 404,
 * a missing field 400: the door let it through). The table must name every endpoint the
 * application maps, so a new one cannot be added without deciding who may call it. Each
 * call is made with a CSRF token, so a 403 here is the role's, and with ids that do not
 * exist and empty forms (an issuer's empty "new application" makes an empty draft, as it
 * would on the screen).
 */
@TobiraIntegrationTest
class AuthorisationMatrixIntegrationTests {

	static final String ANYONE = "anyone";

	static final List<String> ROLES = List.of("issuer", "intake", "backing", "cooperation", "decision", "supervisor",
			"admin");

	static final Set<String> SIGNED_IN = Set.copyOf(ROLES);

	static final Set<String> STAFF = Set.of("intake", "backing", "cooperation", "decision", "supervisor", "admin");

	static final Set<String> ISSUER = Set.of("issuer");

	static final Set<String> ADMIN = Set.of("admin");

	static final Set<String> PUBLIC = Set.of(ANYONE);

	/** An id nothing has. */
	static final String ID = UUID.randomUUID().toString();

	record Row(HttpMethod method, String pattern, Set<String> admitted) {

		String path() {
			return pattern.replace("{id}", ID)
				.replace("{documentId}", ID)
				.replace("{reportId}", ID)
				.replace("{number}", "999999")
				.replace("{version}", "999999")
				.replace("{step}", "issuer");
		}

		boolean api() {
			return pattern.startsWith("/api/");
		}

	}

	static final List<Row> TABLE = List.of(
			// the JSON API
			row("POST", "/api/v1/applications", ISSUER), row("GET", "/api/v1/applications", SIGNED_IN),
			row("GET", "/api/v1/applications/{id}", SIGNED_IN), row("PUT", "/api/v1/applications/{id}", ISSUER),
			row("POST", "/api/v1/applications/{id}/documents", ISSUER),
			row("GET", "/api/v1/applications/{id}/documents", SIGNED_IN),
			row("GET", "/api/v1/applications/{id}/documents/{documentId}", SIGNED_IN),
			row("POST", "/api/v1/applications/{id}/submit", ISSUER),
			row("POST", "/api/v1/applications/{id}/withdraw", ISSUER),
			row("POST", "/api/v1/applications/{id}/surrender", ISSUER),
			row("POST", "/api/v1/applications/{id}/rfi-response", ISSUER),
			row("POST", "/api/v1/applications/{id}/reserve-reports", ISSUER),
			row("GET", "/api/v1/applications/{id}/reserve-reports", SIGNED_IN),
			row("GET", "/api/v1/applications/{id}/reserve-reports/{reportId}", SIGNED_IN),
			row("GET", "/api/v1/applications/{id}/audit", SIGNED_IN),
			row("GET", "/api/v1/applications/{id}/audit.csv", SIGNED_IN),
			row("GET", "/api/v1/applications/{id}/decision", SIGNED_IN),
			row("GET", "/api/v1/applications/{id}/letter", SIGNED_IN), row("GET", "/api/v1/tasks", STAFF),
			row("POST", "/api/v1/tasks/{id}/claim", STAFF), row("POST", "/api/v1/tasks/{id}/unclaim", STAFF),
			row("POST", "/api/v1/tasks/{id}/complete", STAFF), row("POST", "/api/v1/tasks/{id}/pre-screen", STAFF),
			row("GET", "/api/v1/audit", ADMIN), row("GET", "/api/v1/audit.csv", ADMIN),
			row("GET", "/api/v1/audit/verify", ADMIN), row("GET", "/api/v1/register", PUBLIC),
			row("GET", "/api/v1/rulebook", SIGNED_IN), row("GET", "/api/v1/rulebook/versions", STAFF),
			row("GET", "/api/v1/rulebook/versions/{version}", STAFF), row("GET", "/api/v1/rulebook/compare", STAFF),
			row("POST", "/api/v1/rulebook/versions", ADMIN),
			row("POST", "/api/v1/rulebook/versions/{version}/approve", ADMIN),
			row("POST", "/api/v1/api-tokens", SIGNED_IN), row("GET", "/api/v1/api-tokens", SIGNED_IN),
			row("DELETE", "/api/v1/api-tokens/{id}", SIGNED_IN), row("GET", "/api/v1/task-views", STAFF),
			row("POST", "/api/v1/task-views", STAFF), row("DELETE", "/api/v1/task-views/{id}", STAFF),
			row("POST", "/api/v1/tasks/bulk", STAFF), row("GET", "/api/v1/applications/{id}/notes", SIGNED_IN),
			row("POST", "/api/v1/applications/{id}/notes", SIGNED_IN), row("GET", "/api/v1/tasks/{id}/history", STAFF),
			row("PUT", "/api/v1/tasks/{id}/follow-up", STAFF), row("DELETE", "/api/v1/tasks/{id}/follow-up", STAFF),
			row("GET", "/api/v1/delegations", STAFF), row("POST", "/api/v1/delegations", STAFF),
			row("DELETE", "/api/v1/delegations/{id}", STAFF),
			// the pages
			row("GET", "/", SIGNED_IN), row("GET", "/login", PUBLIC), row("GET", "/register", PUBLIC),
			row("GET", "/register.csv", PUBLIC), row("GET", "/register.atom", PUBLIC), row("GET", "/dashboard", STAFF),
			row("GET", "/tasks", STAFF), row("GET", "/tasks/{id}", STAFF),
			row("GET", "/tasks/{id}/confirmation-request.txt", STAFF), row("POST", "/tasks/{id}/claim", STAFF),
			row("POST", "/tasks/{id}/unclaim", STAFF), row("POST", "/tasks/{id}/complete", STAFF),
			row("POST", "/tasks/{id}/save", STAFF), row("POST", "/tasks/{id}/pre-screen", STAFF),
			row("POST", "/tasks/{id}/notes", STAFF), row("POST", "/cases/{id}/notes", SIGNED_IN),
			row("GET", "/applications", ISSUER), row("GET", "/applications/new", ISSUER),
			row("POST", "/applications/new", ISSUER), row("GET", "/applications/{id}/edit/{step}", ISSUER),
			row("POST", "/applications/{id}/edit/{step}", ISSUER), row("POST", "/applications/{id}/documents", ISSUER),
			row("POST", "/applications/{id}/submit", ISSUER), row("GET", "/cases/{id}", SIGNED_IN),
			row("GET", "/cases/{id}/withdraw", ISSUER), row("POST", "/cases/{id}/withdraw", ISSUER),
			row("POST", "/cases/{id}/rfi-response", ISSUER), row("GET", "/admin", ADMIN),
			row("GET", "/admin/audit", ADMIN), row("GET", "/admin/audit.csv", ADMIN),
			row("POST", "/admin/audit/verify", ADMIN), row("GET", "/admin/holidays", ADMIN),
			row("POST", "/admin/holidays", ADMIN), row("POST", "/admin/holidays/remove", ADMIN),
			row("GET", "/admin/jurisdictions", ADMIN), row("POST", "/admin/jurisdictions", ADMIN),
			row("GET", "/admin/rulebook", ADMIN), row("GET", "/admin/rulebook/new", ADMIN),
			row("GET", "/admin/rulebook/compare", ADMIN), row("GET", "/admin/rulebook/versions/{number}", ADMIN),
			row("POST", "/admin/rulebook/versions", ADMIN),
			row("POST", "/admin/rulebook/versions/{number}/approve", ADMIN),
			row("GET", "/account/api-tokens", SIGNED_IN), row("POST", "/account/api-tokens", SIGNED_IN),
			row("POST", "/account/api-tokens/{id}/revoke", SIGNED_IN), row("POST", "/tasks/views", STAFF),
			row("POST", "/tasks/views/{id}/delete", STAFF), row("POST", "/tasks/bulk", STAFF),
			// notifications: one's own preferences; the outbox (demo mode) for admins
			row("GET", "/api/v1/notification-preferences", SIGNED_IN),
			row("PUT", "/api/v1/notification-preferences", SIGNED_IN), row("GET", "/account/notifications", SIGNED_IN),
			row("POST", "/account/notifications", SIGNED_IN), row("GET", "/admin/outbox", ADMIN),
			row("GET", "/admin/outbox/{id}", ADMIN), row("POST", "/tasks/{id}/follow-up", STAFF),
			row("GET", "/account/delegation", STAFF), row("POST", "/account/delegation", STAFF),
			row("POST", "/account/delegation/{id}/end", STAFF),
			// after recognition: the issuer's reserve report form and its surrender
			// (staff
			// read the reports on the case page)
			row("GET", "/cases/{id}/reserve-reports/new", ISSUER), row("POST", "/cases/{id}/reserve-reports", ISSUER),
			row("GET", "/cases/{id}/surrender", ISSUER), row("POST", "/cases/{id}/surrender", ISSUER));

	@Autowired
	WebApplicationContext context;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Autowired
	UserDetailsService users;

	@Autowired
	JdbcClient jdbc;

	static Row row(String method, String pattern, Set<String> admitted) {
		return new Row(HttpMethod.valueOf(method), pattern, admitted);
	}

	@Test
	void theTableNamesEveryEndpointTheApplicationMaps() {
		Set<String> mapped = new TreeSet<>();
		mappings.getHandlerMethods().forEach((info, handler) -> {
			if (!handler.getBeanType().getName().startsWith("jp.tobira.")) {
				return;
			}
			info.getPatternValues()
				.forEach(pattern -> info.getMethodsCondition()
					.getMethods()
					.forEach(method -> mapped.add(method.name() + " " + pattern)));
		});
		Set<String> tabled = new TreeSet<>();
		TABLE.forEach(row -> tabled.add(row.method().name() + " " + row.pattern()));
		assertThat(mapped).as("mapped, but not in the table").isSubsetOf(tabled);
		assertThat(tabled).as("in the table, but not mapped").isSubsetOf(mapped);
	}

	@Test
	void everyRoleAndTheAnonymousGetWhatTheTableSaysAtEveryEndpoint() throws Exception {
		MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
		long versions = count("app.rulebook_version");
		List<String> wrong = new ArrayList<>();
		Map<String, Integer> seen = new LinkedHashMap<>();
		for (Row row : TABLE) {
			List<String> callers = new ArrayList<>(ROLES);
			callers.add(ANYONE);
			for (String caller : callers) {
				// a browser asks for a page as HTML, and is sent to the log-in page for
				// it
				MockHttpServletRequestBuilder call = request(row.method(), row.path()).with(csrf())
					.accept(row.api() ? "application/json" : "text/html");
				if (!caller.equals(ANYONE)) {
					call = call.with(user(users.loadUserByUsername(caller)));
				}
				MockHttpServletResponse response;
				try {
					response = mvc.perform(call).andReturn().getResponse();
				}
				catch (Exception ex) {
					wrong.add(row.method() + " " + row.pattern() + " as " + caller + ": threw " + ex);
					continue;
				}
				int status = response.getStatus();
				boolean toLogIn = status == 302 && String.valueOf(response.getRedirectedUrl()).endsWith("/login");
				boolean admitted = row.admitted().contains(ANYONE) || row.admitted().contains(caller);
				String expected;
				boolean right;
				if (admitted) {
					expected = "admitted";
					right = status != 401 && status != 403 && !toLogIn && status < 500;
				}
				else if (caller.equals(ANYONE)) {
					expected = row.api() ? "401" : "the log-in page";
					right = row.api() ? status == 401 : toLogIn;
				}
				else {
					expected = "403";
					right = status == 403;
				}
				seen.put(row.method() + " " + row.pattern() + " as " + caller, status);
				if (!right) {
					wrong.add(row.method() + " " + row.pattern() + " as " + caller + ": expected " + expected + ", got "
							+ status + (toLogIn ? " (to the log-in page)" : ""));
				}
			}
		}
		assertThat(wrong).as("of %d calls", seen.size()).isEmpty();
		assertThat(count("app.rulebook_version")).as("no version was drafted").isEqualTo(versions);
	}

	private long count(String table) {
		return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
	}

}
