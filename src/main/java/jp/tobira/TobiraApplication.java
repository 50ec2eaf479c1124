package jp.tobira;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

import java.time.Clock;
import java.time.ZoneId;

@SpringBootApplication
@ConfigurationPropertiesScan
public class TobiraApplication {

	public static void main(String[] args) {
		SpringApplication.run(TobiraApplication.class, args);
	}

	/** The supervisor's clock: dates, business days and ages are those of Tokyo. Tests replace it to move time. */
	@Bean
	Clock clock() {
		return Clock.system(ZoneId.of("Asia/Tokyo"));
	}
}
