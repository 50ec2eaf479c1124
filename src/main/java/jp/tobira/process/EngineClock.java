package jp.tobira.process;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One time for the whole application: the engine's clock. Timers, task due dates, the
 * statutory clock and the audit log all read it, so a test that moves the engine's clock
 * ({@code ClockUtil.setCurrentTime}) moves every part together. Dates are those of Tokyo,
 * where the supervisor's business days are counted.
 */
@Configuration(proxyBeanMethods = false)
public class EngineClock {

	public static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

	@Bean
	Clock clock() {
		return new Clock() {
			@Override
			public ZoneId getZone() {
				return TOKYO;
			}

			@Override
			public Clock withZone(ZoneId zone) {
				return Clock.fixed(instant(), zone);
			}

			@Override
			public Instant instant() {
				return ClockUtil.now().toInstant();
			}
		};
	}

}
