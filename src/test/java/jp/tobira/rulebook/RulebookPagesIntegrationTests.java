package jp.tobira.rulebook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import jp.tobira.TobiraIntegrationTest;
import jp.tobira.security.BrowserSession;

/**
 * The rulebook screens over real HTTP with a form log-in: only admins may open or post to
 * them, a refused draft stores nothing, and the drafter cannot put their own draft into
 * force (issue 10).
 *
 * Every version drafted here takes effect in 2090 or later: the tests share one database,
 * and a version in force today would change every other test's pre-screens.
 */
@TobiraIntegrationTest
class RulebookPagesIntegrationTests {

	static final List<String> NOT_ADMINS = List.of("issuer", "issuer2", "intake", "backing", "cooperation", "decision");

	@LocalServerPort
	int port;

	@Autowired
	Rulebook rulebook;

	@Test
	void refusesEveryoneButAdminsTheRulebookScreens() {
		int versions = rulebook.versions().size();
		for (String username : NOT_ADMINS) {
			BrowserSession session = BrowserSession.logIn(root(), username);
			String csrf = session.csrfTokenOn("/login?lang=en");
			for (String path : List.of("/admin/rulebook", "/admin/rulebook/new", "/admin/rulebook/versions/1",
					"/admin/rulebook/compare?from=1&to=1")) {
				HttpResponse<String> page = session.get(path);
				assertThat(page.statusCode()).as(username + " GET " + path).isEqualTo(403);
				assertThat(page.body()).as(username + " GET " + path).contains("Not allowed");
			}
			assertThat(
					session.postForm("/admin/rulebook/versions", form(draft("2090-08-01", "1.10"), csrf)).statusCode())
				.as(username + " drafts")
				.isEqualTo(403);
			assertThat(session.postForm("/admin/rulebook/versions/1/approve", "_csrf=" + BrowserSession.encode(csrf))
				.statusCode()).as(username + " approves").isEqualTo(403);
		}
		assertThat(rulebook.versions()).as("nothing drafted by anyone but an admin").hasSize(versions);
	}

	@Test
	void storesNothingOfARefusedDraftAndShowsTheProblemBesideItsField() {
		BrowserSession admin = BrowserSession.logIn(root(), "admin");
		String csrf = admin.csrfTokenOn("/admin/rulebook/new?lang=en");
		int versions = rulebook.versions().size();

		HttpResponse<String> refused = admin.postForm("/admin/rulebook/versions",
				form(draft("2090-08-02", "abc"), csrf));

		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("id=\"rb-RESERVE_COVERAGE-minRatio-error\"", "must be a number")
			.containsPattern("id=\"rb-RESERVE_COVERAGE-minRatio\"[^>]*value=\"abc\"")
			.containsPattern("id=\"rb-RESERVE_COVERAGE-minRatio\"[^>]*aria-invalid=\"true\"")
			.containsPattern("id=\"rb-effectiveFrom\"[^>]*value=\"2090-08-02\"");
		assertThat(rulebook.versions()).as("nothing stored").hasSize(versions);

		HttpResponse<String> unreadableDay = admin.postForm("/admin/rulebook/versions",
				form(draft("someday", "1.10"), csrf));
		assertThat(unreadableDay.statusCode()).isEqualTo(400);
		assertThat(unreadableDay.body()).contains("id=\"rb-effectiveFrom-error\"", "must be a date");
		assertThat(rulebook.versions()).as("nothing stored").hasSize(versions);
	}

	@Test
	void refusesTheDrafterPuttingTheirOwnDraftIntoForce() {
		BrowserSession admin = BrowserSession.logIn(root(), "admin");
		String csrf = admin.csrfTokenOn("/admin/rulebook/new?lang=en");
		HttpResponse<String> drafted = admin.postForm("/admin/rulebook/versions",
				form(draft("2090-08-03", "1.10"), csrf));
		assertThat(drafted.statusCode()).isEqualTo(302);
		String location = drafted.headers().firstValue("Location").orElseThrow();
		int version = Integer.parseInt(location.substring(location.lastIndexOf('/') + 1));
		assertThat(rulebook.version(version).setting(Criterion.RESERVE_COVERAGE).decimal("minRatio"))
			.isEqualByComparingTo("1.10");

		HttpResponse<String> ownApproval = admin.postForm("/admin/rulebook/versions/" + version + "/approve",
				"_csrf=" + BrowserSession.encode(csrf));

		assertThat(ownApproval.statusCode()).isEqualTo(403);
		assertThat(ownApproval.body()).contains("another admin must put it into force (four eyes)");
		assertThat(rulebook.version(version).approved()).isFalse();
	}

	@Test
	void answersAnUnknownVersionWithNotFoundAndAMalformedOneWithBadRequest() {
		BrowserSession admin = BrowserSession.logIn(root(), "admin");
		admin.csrfTokenOn("/admin/rulebook?lang=en");
		assertThat(admin.get("/admin/rulebook/compare?from=1&to=99999").statusCode()).isEqualTo(404);
		assertThat(admin.get("/admin/rulebook/versions/99999").statusCode()).isEqualTo(404);
		assertThat(admin.get("/admin/rulebook/compare?from=1&to=two").statusCode()).isEqualTo(400);
		assertThat(admin.get("/admin/rulebook/compare?from=1&to=1").body()).contains("no differences");
	}

	/**
	 * The whole form as the draft page sends it: every criterion of the version in force,
	 * with a new effective day and minimum coverage ratio.
	 */
	private List<Map.Entry<String, String>> draft(String effectiveFrom, String minRatio) {
		List<Map.Entry<String, String>> fields = new ArrayList<>();
		fields.add(Map.entry("effectiveFrom", effectiveFrom));
		fields.add(Map.entry("note", "Pages integration test"));
		for (CriterionSetting setting : rulebook.inForce().criteria()) {
			String prefix = "criteria." + setting.code() + ".";
			if (setting.enabled()) {
				fields.add(Map.entry(prefix + "enabled", "true"));
			}
			Map<String, Object> thresholds = new LinkedHashMap<>(setting.thresholds());
			if (setting.criterion() == Criterion.RESERVE_COVERAGE) {
				thresholds.put("minRatio", minRatio);
			}
			for (Threshold threshold : setting.criterion().thresholds()) {
				String name = prefix + "thresholds." + threshold.name();
				Object value = thresholds.get(threshold.name());
				switch (threshold.type()) {
					case ASSET_CLASSES -> ((List<?>) value).forEach(c -> fields.add(Map.entry(name, c.toString())));
					case NAMES -> fields.add(Map.entry(name,
							((List<?>) value).stream().map(Object::toString).collect(Collectors.joining("\n"))));
					default -> fields.add(Map.entry(name, value.toString()));
				}
			}
		}
		return fields;
	}

	private static String form(List<Map.Entry<String, String>> fields, String csrf) {
		return fields.stream()
			.map(field -> BrowserSession.encode(field.getKey()) + "=" + BrowserSession.encode(field.getValue()))
			.collect(Collectors.joining("&")) + "&_csrf=" + BrowserSession.encode(csrf);
	}

	private String root() {
		return "http://localhost:" + port;
	}

}
