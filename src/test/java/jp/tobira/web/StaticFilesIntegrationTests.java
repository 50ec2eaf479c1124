package jp.tobira.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

import jp.tobira.TobiraIntegrationTest;

/**
 * The screens' files and the web jars are served under their own addresses, and nothing
 * else is a file: a page's links to tasks and cases are not looked for on the class path
 * each time a page is written (issue 15: that was half the task list's time).
 */
@TobiraIntegrationTest
class StaticFilesIntegrationTests {

	@Autowired
	TestRestTemplate rest;

	@Autowired
	ResourceUrlProvider files;

	@Test
	void servesTheStylesheetTheScriptsAndTheChartsFromTheWebJarWithoutSigningIn() {
		assertServed("/css/tobira.css", "text/css");
		assertServed("/js/task-list.js", "text/javascript");
		assertServed("/webjars/chart.js/dist/chart.umd.min.js", "text/javascript");
	}

	@Test
	void offersOnlyTheFilesAddressesToBeResolvedAsFilesNotEveryLinkOfAPage() {
		assertThat(files.getHandlerMap().keySet()).contains("/css/**", "/js/**", "/webjars/**").doesNotContain("/**");
		assertThat(files.getForLookupPath("/tasks")).isNull();
		assertThat(files.getForLookupPath("/css/tobira.css")).isEqualTo("/css/tobira.css");
	}

	private void assertServed(String path, String type) {
		ResponseEntity<String> response = rest.getForEntity(path, String.class);
		assertThat(response.getStatusCode().value()).as(path).isEqualTo(200);
		assertThat(response.getHeaders().getContentType()).as(path).hasToString(type);
		assertThat(response.getBody()).as(path).isNotBlank();
	}

}
