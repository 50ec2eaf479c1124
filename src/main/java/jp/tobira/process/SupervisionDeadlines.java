package jp.tobira.process;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import jp.tobira.application.Holidays;
import jp.tobira.review.TaskDefinitions;

/**
 * A supervision task's due date ({@code ${supervisionDeadlines.due(execution)}}): the end
 * of the business day its definition's number of business days after today, in Tokyo. A
 * recognised token has no statutory period to count in.
 */
@Component("supervisionDeadlines")
public class SupervisionDeadlines {

	private final Holidays holidays;

	private final TaskDefinitions definitions;

	private final Clock clock;

	SupervisionDeadlines(Holidays holidays, TaskDefinitions definitions, Clock clock) {
		this.holidays = holidays;
		this.definitions = definitions;
		this.clock = clock;
	}

	public Date due(DelegateExecution execution) {
		int days = definitions.of(execution.getCurrentActivityId()).dueDay();
		LocalDate day = holidays.calendar().plusBusinessDays(LocalDate.now(clock), days);
		return Date.from(day.atTime(LocalTime.of(23, 59, 59)).atZone(EngineClock.TOKYO).toInstant());
	}

}
