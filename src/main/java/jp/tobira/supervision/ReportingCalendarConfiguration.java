package jp.tobira.supervision;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import jp.tobira.application.Holidays;

/** The reporting calendar on the holiday table and the configured numbers. */
@Configuration(proxyBeanMethods = false)
class ReportingCalendarConfiguration {

	@Bean
	ReportingCalendar reportingCalendar(SupervisionSettings settings, Holidays holidays) {
		return new ReportingCalendar(settings.dueBusinessDay(), settings.graceBusinessDays(), holidays::calendar);
	}

}
