package jp.tobira.web;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

import jp.tobira.TobiraIntegrationTest;

/**
 * A browser test: the whole application on a random port, and the test JVM's headless
 * Chromium, signed out on a blank page when the class starts.
 */
@TobiraIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserTest {

	@LocalServerPort
	int port;

	@Autowired
	TestRestTemplate rest;

	Browser browser;

	@BeforeAll
	void openBrowser() {
		browser = Browser.shared("http://localhost:" + port);
	}

}
