package jp.tobira.process;

import org.springframework.stereotype.Component;

/**
 * The timer durations as the model reads them ({@code ${timerDurations.rfiLapse}}), in
 * ISO-8601.
 */
@Component("timerDurations")
public class TimerDurations {

	private final TimerSettings settings;

	TimerDurations(TimerSettings settings) {
		this.settings = settings;
	}

	public String getRfiLapse() {
		return settings.rfiLapse().toString();
	}

	public String getHomeReply() {
		return settings.homeReply().toString();
	}

}
