package jp.tobira.application;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param standardPeriodBusinessDays the standard processing period N
 * @param taskDueDays overrides, by task key, of the day of the period by which a task
 * should be done; a task's own definition says it otherwise
 * ({@code jp.tobira.review.TaskDefinition#dueDay})
 */
@ConfigurationProperties("tobira.clock")
public record StatutoryClockProperties(@DefaultValue("60") int standardPeriodBusinessDays,
		Map<String, Integer> taskDueDays) {

	public StatutoryClockProperties {
		taskDueDays = taskDueDays == null ? Map.of() : Map.copyOf(taskDueDays);
	}

	/**
	 * The task's due day: the configured override, else its definition's, and never past
	 * the period.
	 */
	public int dueDayOf(String taskKey, int definitionDay) {
		return Math.min(taskDueDays.getOrDefault(taskKey, definitionDay), standardPeriodBusinessDays);
	}
}
