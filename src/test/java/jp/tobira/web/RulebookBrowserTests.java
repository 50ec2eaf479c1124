package jp.tobira.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import jp.tobira.rulebook.Criterion;
import jp.tobira.rulebook.Rulebook;
import jp.tobira.rulebook.RulebookVersion;

/**
 * Issue 10 on the screens, in English and Japanese: an admin drafts a new rulebook
 * version on a form, is refused next to the field for a bad threshold and refused putting
 * their own draft into force; a second admin puts it into force; the two versions
 * compared show what changed.
 *
 * Every version drafted here takes effect in 2090 or later: the tests share one database,
 * and a version in force today would change every other test's pre-screens.
 */
class RulebookBrowserTests extends BrowserTest {

	private static final Pattern VERSION_PAGE = Pattern.compile("/admin/rulebook/versions/(\\d+)$");

	private static final String MIN_RATIO = "rb-RESERVE_COVERAGE-minRatio";

	private static final String LIQUID_SHARE = "rb-LIQUID_SHARE-enabled";

	@Autowired
	Rulebook rulebook;

	@Test
	void draftsAVersionThatASecondAdminPutsIntoForceAndComparesIt() {
		RulebookVersion version1 = rulebook.version(1);
		// the test switches on a criterion version 1 leaves off: it must be off there
		assertThat(version1.enabled(Criterion.LIQUID_SHARE)).isFalse();
		String ratioBefore = version1.setting(Criterion.RESERVE_COVERAGE).decimal("minRatio").toPlainString();
		for (String language : List.of("en", "ja")) {
			boolean english = language.equals("en");
			String day = english ? "2090-06-01" : "2090-06-02";

			browser.logIn("admin");
			browser.go("/admin/rulebook?lang=" + language);
			assertThat(browser.text()).contains(english ? "Reserve coverage" : "準備資産の裏付け",
					english ? "Legal gate" : "法定要件", english ? "Versions" : "バージョン一覧");
			browser.capture(language, "90-rulebook");

			browser.clickAndWait(By.cssSelector("a[href$='/admin/rulebook/new']"));
			assertThat(browser.value(MIN_RATIO)).as("prefilled from the version in force").isEqualTo(ratioBefore);
			assertThat(browser.driver.findElement(By.id("rb-SEGREGATION-enabled")).isEnabled())
				.as("a legal gate cannot be switched off")
				.isFalse();
			browser.capture(language, "91-rulebook-new");

			// a ratio above the rulebook's bound: refused beside the field with 400,
			// all else as typed
			browser.type(By.id("rb-effectiveFrom"), day);
			browser.type(By.id(MIN_RATIO), "12.5");
			browser.driver.findElement(By.id(LIQUID_SHARE)).click();
			browser.type(By.id("rb-note"), "Browser test " + language);
			submitDraft();
			assertThat(navigationStatus()).isEqualTo(400);
			browser.assertRefusedNextToField(MIN_RATIO, "12.5");
			assertThat(browser.value("rb-effectiveFrom")).isEqualTo(day);
			assertThat(browser.driver.findElement(By.id(LIQUID_SHARE)).isSelected()).isTrue();
			browser.capture(language, "92-rulebook-new-refused");

			browser.type(By.id(MIN_RATIO), "1.25");
			submitDraft();
			Matcher page = VERSION_PAGE.matcher(browser.driver.getCurrentUrl());
			assertThat(page.find()).as("the new version's page: " + browser.driver.getCurrentUrl()).isTrue();
			int drafted = Integer.parseInt(page.group(1));
			assertThat(browser.text())
				.contains(english ? "Version " + drafted + " is drafted" : "バージョン " + drafted + " を起案し");
			assertThat(statusText()).isEqualTo(english ? "Draft, waiting for a second admin" : "案（別の管理者の承認待ち）");
			assertThat(browser.now(By.cssSelector("form[action$='/approve']"))).as("no button for the drafter")
				.isEmpty();
			assertThat(browser.driver.findElement(By.id("rb-not-approvable")).getText())
				.contains(english ? "another admin must approve it" : "別の管理者が承認する必要があります");
			browser.capture(language, "93-rulebook-draft");

			// the drafter posts an approval anyway, as a page open before would: refused
			// by the four-eyes rule
			postApprovalFromThisPage(drafted);
			assertThat(navigationStatus()).isEqualTo(403);
			assertThat(browser.driver.findElement(By.id("rb-refused")).getText())
				.contains(english ? "another admin must put it into force (four eyes)" : "四つの目の原則");
			assertThat(statusText()).isEqualTo(english ? "Draft, waiting for a second admin" : "案（別の管理者の承認待ち）");
			browser.capture(language, "94-rulebook-four-eyes");

			browser.logIn("admin2");
			browser.go("/admin/rulebook/versions/" + drafted + "?lang=" + language);
			browser.clickAndWait(By.cssSelector("form[action$='/versions/" + drafted + "/approve'] button"));
			assertThat(browser.driver.getCurrentUrl()).endsWith("/admin/rulebook/versions/" + drafted);
			assertThat(browser.text())
				.contains(english ? "Version " + drafted + " is approved" : "バージョン " + drafted + " を承認し");
			assertThat(statusText()).isEqualTo(english ? "Scheduled" : "施行予定");
			assertThat(rulebook.inForce().version()).as("a version of 2090 is not in force today")
				.isNotEqualTo(drafted);
			browser.capture(language, "95-rulebook-approved");

			browser.go("/admin/rulebook");
			new Select(browser.driver.findElement(By.id("rb-compare-from"))).selectByValue("1");
			new Select(browser.driver.findElement(By.id("rb-compare-to"))).selectByValue(String.valueOf(drafted));
			browser.clickAndWait(By.cssSelector("form[action$='/admin/rulebook/compare'] button"));
			List<String> rows = browser.driver.findElements(By.cssSelector("#rb-differences tbody tr"))
				.stream()
				.map(row -> row.getText())
				.toList();
			assertThat(rows).as("what version " + drafted + " changes against version 1")
				.anySatisfy(
						row -> assertThat(row).contains(english ? "Reserve coverage" : "準備資産の裏付け", ratioBefore, "1.25"))
				.anySatisfy(
						row -> assertThat(row).contains(english ? "Share of cash and demand deposits" : "現金・要求払預金の比率",
								english ? "Off" : "無効", english ? "On" : "有効"));
			browser.capture(language, "96-rulebook-compare");

			browser.go("/admin/rulebook/compare?from=" + drafted + "&to=" + drafted);
			assertThat(browser.driver.findElement(By.id("rb-no-differences")).getText())
				.contains(english ? "no differences" : "相違点はありません");
			browser.capture(language, "97-rulebook-compare-equal");
		}
		// both admins back to English, the language other tests expect
		browser.go("/?lang=en");
		browser.logIn("admin");
		browser.go("/?lang=en");
	}

	private void submitDraft() {
		browser.clickAndWait(By.cssSelector("form[action$='/admin/rulebook/versions'] button[type=submit]"));
	}

	private String statusText() {
		return browser.driver.findElement(By.id("rb-status")).getText();
	}

	/** The status the page now shown was answered with. */
	private long navigationStatus() {
		return (Long) ((JavascriptExecutor) browser.driver)
			.executeScript("return performance.getEntriesByType('navigation')[0].responseStatus");
	}

	/**
	 * An approval posted with this session's CSRF token (the log-out form carries it), as
	 * a form on a page opened earlier would post it.
	 */
	private void postApprovalFromThisPage(int version) {
		WebElement html = browser.driver.findElement(By.tagName("html"));
		((JavascriptExecutor) browser.driver).executeScript("""
				const form = document.createElement('form');
				form.method = 'post';
				form.action = '/admin/rulebook/versions/' + arguments[0] + '/approve';
				const token = document.querySelector('input[name=_csrf]').cloneNode();
				form.appendChild(token);
				document.body.appendChild(form);
				form.submit();
				""", version);
		new WebDriverWait(browser.driver, Duration.ofSeconds(15)).until(driver -> {
			try {
				html.isEnabled();
				return false;
			}
			catch (WebDriverException gone) {
				return true;
			}
		});
		new WebDriverWait(browser.driver, Duration.ofSeconds(15)).until(
				driver -> "complete".equals(((JavascriptExecutor) driver).executeScript("return document.readyState")));
	}

}
