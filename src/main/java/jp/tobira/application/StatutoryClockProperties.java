package jp.tobira.application;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param standardPeriodBusinessDays the standard processing period N (DESIGN.md §2)
 * @param taskDueDays for each task, the day of the period by which it should be done: its due date
 */
@ConfigurationProperties("tobira.clock")
public record StatutoryClockProperties(@DefaultValue("60") int standardPeriodBusinessDays,
		Map<String, Integer> taskDueDays) {

	private static final Map<String, Integer> DEFAULT_DUE_DAYS = Map.of("checkCompleteness", 10,
			"requestHomeConfirmation", 15, "reviewBacking", 40, "recordHomeReply", 45, "decide", 60);

	public StatutoryClockProperties {
		taskDueDays = taskDueDays == null || taskDueDays.isEmpty() ? DEFAULT_DUE_DAYS : Map.copyOf(taskDueDays);
	}

	public int dueDayOf(String taskKey) {
		return Math.min(taskDueDays.getOrDefault(taskKey, standardPeriodBusinessDays), standardPeriodBusinessDays);
	}
}
