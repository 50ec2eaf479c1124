package jp.tobira.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import jp.tobira.Fixtures;
import jp.tobira.TobiraIntegrationTest;
import jp.tobira.process.CaseDriver;
import jp.tobira.review.ReviewTasks;
import jp.tobira.security.Organisations;

/**
 * The statutory clock of real cases, driven through the services with the engine's clock
 * pinned to chosen days in Tokyo, against counts made by hand on a calendar (business
 * days: not Saturday, Sunday, a seeded holiday or 29 December - 3 January; the submission
 * day not counted; during a request for information the day it is sent counts, the days
 * after it up to and including the day of the answer do not).
 */
@TobiraIntegrationTest
class CaseClockIntegrationTests {

	static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

	@Autowired
	ProcessEngine engine;

	@Autowired
	ApplicationService applications;

	@Autowired
	DocumentService documents;

	@Autowired
	Applications repository;

	@Autowired
	ReviewTasks tasks;

	@Autowired
	Organisations organisations;

	@Autowired
	RequestsForInformation rfis;

	@Autowired
	CaseClock caseClock;

	CaseDriver cases;

	@BeforeEach
	void setUp() {
		cases = new CaseDriver(applications, documents, repository, tasks, engine, organisations);
	}

	@AfterEach
	void resetClock() {
		ClockUtil.reset();
	}

	@Test
	void countsAcrossGoldenWeekWithTheRequestForInformationPausingIt() {
		// Mon 20 Apr submitted; 21-24 Apr days 1-4, Mon 27 Apr day 5 (the request is sent
		// that day, so it counts)
		at("2026-04-20T10:00");
		ApplicationId id = cases.submitted(contentDatedBefore(LocalDate.parse("2026-04-20")));
		// day 10 without a pause: 27 Apr 5, 28 Apr 6, (29 Apr Showa Day), 30 Apr 7, 1 May
		// 8, (2-6 May), 7 May 9, 8 May 10
		assertThat(due(id, "checkCompleteness")).isEqualTo(endOfDay("2026-05-08"));

		at("2026-04-24T17:00");
		assertThat(day(id)).isEqualTo(4);

		at("2026-04-27T11:00");
		cases.complete(cases.intake, id, "checkCompleteness",
				"{\"complete\": false, \"missing\": [\"AUDIT_REPORT\"], \"message\": \"The audit report is unsigned.\"}");
		assertThat(reading(id).day()).isEqualTo(5);
		assertThat(reading(id).paused()).isTrue();

		// with the issuer over Golden Week: nothing counts, however many business days
		// pass
		at("2026-05-07T12:00");
		assertThat(reading(id).day()).isEqualTo(5);
		assertThat(reading(id).paused()).isTrue();

		at("2026-05-08T15:00");
		rfis.answer(cases.issuer, id, "Signed report attached.", List.of());
		assertThat(reading(id).day()).as("the day of the answer does not count").isEqualTo(5);
		assertThat(reading(id).paused()).isFalse();
		// the completeness check again: day 10 is now 11 May 6, 12 May 7, 13 May 8, 14
		// May 9, Fri 15 May 10
		assertThat(due(id, "checkCompleteness")).isEqualTo(endOfDay("2026-05-15"));

		at("2026-05-09T12:00");
		assertThat(day(id)).as("Saturday").isEqualTo(5);
		at("2026-05-11T09:00");
		assertThat(day(id)).isEqualTo(6);
	}

	@Test
	void countsAcrossTheNewYearClosureWithTheRequestForInformationPausingIt() {
		// Tue 1 Dec submitted; 2-4 Dec days 1-3, 7-11 Dec 4-8, 14-18 Dec 9-13, 21-24 Dec
		// 14-17
		at("2026-12-01T09:30");
		ApplicationId id = cases.submitted(contentDatedBefore(LocalDate.parse("2026-12-01")));
		assertThat(due(id, "checkCompleteness")).as("day 10").isEqualTo(endOfDay("2026-12-15"));

		at("2026-12-23T18:00");
		assertThat(day(id)).isEqualTo(16);

		at("2026-12-24T10:00");
		cases.complete(cases.intake, id, "checkCompleteness",
				"{\"complete\": false, \"missing\": [\"TRUST_DEED\"], \"message\": \"Page 4 is missing.\"}");
		assertThat(day(id)).as("the day the request is sent counts").isEqualTo(17);

		// 25 and 28 Dec would be business days, 4 and 5 Jan too; the request is with the
		// issuer
		at("2027-01-05T10:00");
		assertThat(reading(id).day()).isEqualTo(17);
		assertThat(reading(id).paused()).isTrue();

		at("2027-01-06T14:00");
		rfis.answer(cases.issuer, id, "The full deed.", List.of());
		assertThat(reading(id).day()).as("the day of the answer does not count").isEqualTo(17);
		assertThat(reading(id).paused()).isFalse();

		at("2027-01-07T09:00");
		assertThat(day(id)).isEqualTo(18);
	}

	@Test
	void doesNotCountTheYearEndClosureOrAWeekendSubmission() {
		// submitted Sat 26 Dec 2026: Mon 28 Dec is day 1, the closure 29 Dec - 3 Jan
		// (Sun), Mon 4 Jan day 2
		at("2026-12-26T10:00");
		ApplicationId id = cases.submitted(contentDatedBefore(LocalDate.parse("2026-12-26")));
		assertThat(day(id)).isZero();
		at("2026-12-28T10:00");
		assertThat(day(id)).isEqualTo(1);
		at("2027-01-03T10:00");
		assertThat(day(id)).isEqualTo(1);
		at("2027-01-04T10:00");
		assertThat(day(id)).isEqualTo(2);
		// day 10: 5 Jan 3, 6 Jan 4, 7 Jan 5, 8 Jan 6, (11 Jan Coming of Age Day), 12 Jan
		// 7, 13 Jan 8, 14 Jan 9, 15 Jan 10
		assertThat(due(id, "checkCompleteness")).isEqualTo(endOfDay("2027-01-15"));
	}

	private static void at(String tokyoDateTime) {
		ClockUtil.setCurrentTime(Date.from(LocalDateTime.parse(tokyoDateTime).atZone(TOKYO).toInstant()));
	}

	private ClockReading reading(ApplicationId id) {
		return caseClock.read(cases.application(id)).orElseThrow();
	}

	private int day(ApplicationId id) {
		return reading(id).day();
	}

	private Date due(ApplicationId id, String taskKey) {
		return cases.task(id, taskKey).getDueDate();
	}

	private static Date endOfDay(String day) {
		return Date.from(ZonedDateTime.of(LocalDate.parse(day).atTime(23, 59, 59), TOKYO).toInstant());
	}

	/**
	 * The canonical application with its figures dated just before the submission, so
	 * none lies in the future.
	 */
	private static ApplicationContent contentDatedBefore(LocalDate submitted) {
		ObjectNode example = Fixtures.example();
		String recent = submitted.minusDays(5).toString();
		((ObjectNode) example.get("token")).put("supplyAsOf", recent);
		((ObjectNode) example.get("reserves")).put("asOf", recent);
		((ObjectNode) example.get("audit")).put("lastAttestationDate", recent);
		((ObjectNode) example.get("audit")).put("lastAuditDate", submitted.minusMonths(3).toString());
		for (var asset : (ArrayNode) example.get("reserves").get("assets")) {
			if (asset.has("maturity")) {
				((ObjectNode) asset).put("maturity", submitted.plusDays(60).toString());
			}
		}
		return Fixtures.JSON.convertValue(example, ApplicationContent.class);
	}

}
