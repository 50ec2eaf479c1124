package jp.tobira.process;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The process's timers, configurable ({@code tobira.timers.*}) and read by the model as
 * ISO-8601 durations ({@code ${timerDurations.rfiLapse}}).
 *
 * @param rfiLapse how long the issuer has to answer a request for information before the
 * application lapses
 * @param homeReply how long the home regulator has to reply before the task escalates to
 * the decision group
 */
@ConfigurationProperties("tobira.timers")
record TimerSettings(@DefaultValue("P30D") Duration rfiLapse, @DefaultValue("P45D") Duration homeReply) {
}
