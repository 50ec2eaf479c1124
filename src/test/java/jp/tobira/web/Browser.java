package jp.tobira.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium (Debian's chromium and chromium-driver) for the screen tests:
 * log in, look, take a screenshot under {@code target/screenshots/<lang>/}, and scan with
 * axe-core. Without the browser the tests fail in CI and say why; elsewhere they are
 * skipped with the same reason.
 */
final class Browser implements AutoCloseable {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	/** How long a look for an element waits for it to appear (scripts may add it). */
	private static final Duration IMPLICIT_WAIT = Duration.ofSeconds(2);

	final WebDriver driver;

	private final String root;

	private Browser(WebDriver driver, String root) {
		this.driver = driver;
		this.root = root;
	}

	/** The one browser of this test JVM, and the application it was opened on. */
	private static Browser shared;

	/**
	 * The test JVM's browser, opened on first use and quit when the JVM exits: every
	 * browser test of a test run shares one application context, so one Chromium serves
	 * them all, each test class starting signed out on a blank page. Starting Chromium
	 * and its driver costs seconds of the two CI cores each time.
	 */
	static synchronized Browser shared(String root) {
		if (shared != null && !shared.root.equals(root)) {
			shared.close();
			shared = null;
		}
		if (shared == null) {
			shared = open(root);
			Browser opened = shared;
			Runtime.getRuntime().addShutdownHook(new Thread(opened::close, "browser-quit"));
		}
		shared.signOutOnABlankPage();
		return shared;
	}

	private void signOutOnABlankPage() {
		if (driver.getCurrentUrl().startsWith(root)) {
			driver.manage().deleteAllCookies();
		}
		driver.get("about:blank");
		// what Chromium logged for the last test class is not this one's
		driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER);
	}

	static Browser open(String root) {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			String why = "The browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", "
					+ CHROMEDRIVER + "): apt-get install chromium chromium-driver, as .ci/run does";
			if (System.getenv("CI") != null) {
				throw new IllegalStateException(why);
			}
			Assumptions.abort(why);
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--disable-quic", "--window-size=1400,1000", "--lang=en");
		// the console, where Chromium reports what the Content Security Policy blocked
		options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().implicitlyWait(IMPLICIT_WAIT);
		driver.manage().window().setSize(new Dimension(1400, 1000));
		return new Browser(driver, root);
	}

	Browser go(String path) {
		driver.get(root + path);
		return this;
	}

	Browser logIn(String username) {
		driver.manage().deleteAllCookies();
		go("/login");
		driver.findElement(By.id("username")).sendKeys(username);
		driver.findElement(By.id("password")).sendKeys("demo");
		clickAndWait(By.cssSelector("form button[type=submit]"));
		return this;
	}

	/**
	 * Clicks something that loads a new page and waits until the old page is gone: a
	 * click on a submit button can return before the browser has navigated, and the next
	 * look would read the page being left.
	 */
	void clickAndWait(By target) {
		for (int attempt = 1;; attempt++) {
			org.openqa.selenium.WebElement html = driver.findElement(By.tagName("html"));
			try {
				driver.findElement(target).click();
			}
			catch (org.openqa.selenium.WebDriverException ex) {
				// Chrome sometimes still swaps documents after a page reports complete;
				// look again and retry
				if (attempt >= 3 || ex instanceof org.openqa.selenium.TimeoutException) {
					throw ex;
				}
				continue;
			}
			waitForNewPage(html);
			return;
		}
	}

	private void waitForNewPage(org.openqa.selenium.WebElement html) {
		var wait = new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(15),
				Duration.ofMillis(25));
		wait.until(d -> isGone(html));
		// the old page is gone, but the new one may still be arriving: read it only when
		// it is complete
		wait.until(d -> "complete"
			.equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState")));
	}

	/**
	 * Whether an element's page has been left. Chrome reports a departed node either as
	 * stale or as a node that "does not belong to the document"; both mean the page is
	 * gone.
	 */
	private static boolean isGone(org.openqa.selenium.WebElement element) {
		try {
			element.isEnabled();
			return false;
		}
		catch (org.openqa.selenium.WebDriverException ex) {
			return true;
		}
	}

	/**
	 * Replaces what a field holds. A date input takes keys in the browser's locale order
	 * (mm/dd/yyyy here) while its value is ISO, so a date (or a month) is set as its
	 * value.
	 */
	void type(By field, String text) {
		org.openqa.selenium.WebElement input = driver.findElement(field);
		if ("date".equals(input.getAttribute("type")) || "month".equals(input.getAttribute("type"))) {
			((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1]", input,
					text);
			return;
		}
		input.clear();
		input.sendKeys(text);
	}

	/**
	 * What the page holds now that matches: for asserting that something is not there,
	 * which with the implicit wait would cost its two seconds every time.
	 */
	List<org.openqa.selenium.WebElement> now(By target) {
		driver.manage().timeouts().implicitlyWait(Duration.ZERO);
		try {
			return driver.findElements(target);
		}
		finally {
			driver.manage().timeouts().implicitlyWait(IMPLICIT_WAIT);
		}
	}

	String value(String id) {
		return driver.findElement(By.id(id)).getAttribute("value");
	}

	/**
	 * A refusal beside its field: the field marked invalid and described by its error,
	 * what was typed still in it.
	 */
	void assertRefusedNextToField(String id, String typed) {
		org.openqa.selenium.WebElement input = driver.findElement(By.id(id));
		org.assertj.core.api.Assertions.assertThat(input.getAttribute("aria-invalid")).as(id).isEqualTo("true");
		org.assertj.core.api.Assertions.assertThat(input.getAttribute("aria-describedby"))
			.as(id)
			.isEqualTo(id + "-error");
		org.assertj.core.api.Assertions.assertThat(driver.findElement(By.id(id + "-error")).getText())
			.as(id)
			.isNotBlank();
		org.assertj.core.api.Assertions.assertThat(input.getAttribute("value")).as(id).isEqualTo(typed);
	}

	String text() {
		return driver.findElement(By.tagName("body")).getText();
	}

	/**
	 * Saves what the user sees and scans it; fails on a serious or critical accessibility
	 * violation.
	 */
	void capture(String language, String name) {
		try {
			Path file = SCREENSHOTS.resolve(language).resolve(name + ".png");
			Files.createDirectories(file.getParent());
			Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<String> blocked = driver.manage()
			.logs()
			.get(org.openqa.selenium.logging.LogType.BROWSER)
			.getAll()
			.stream()
			.map(org.openqa.selenium.logging.LogEntry::getMessage)
			.filter(message -> message.contains("Content Security Policy"))
			.toList();
		if (!blocked.isEmpty()) {
			throw new AssertionError("The page's Content Security Policy blocked something on " + name + " (" + language
					+ "): " + blocked);
		}
		Results results = new AxeBuilder().analyze(driver);
		List<Rule> serious = results.getViolations()
			.stream()
			.filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
			.toList();
		if (!serious.isEmpty()) {
			throw new AssertionError("Accessibility violations on " + name + " (" + language + "): "
					+ serious.stream()
						.map(rule -> rule.getId() + " [" + rule.getImpact() + "] " + rule.getHelp() + " at "
								+ rule.getNodes()
									.stream()
									.map(node -> String.valueOf(node.getTarget()))
									.collect(Collectors.joining(", ")))
						.collect(Collectors.joining("; ")));
		}
	}

	@Override
	public void close() {
		try {
			driver.quit();
		}
		catch (org.openqa.selenium.WebDriverException ex) {
			// already gone, as at the JVM's exit when the driver's process was stopped
			// first
		}
	}

}
