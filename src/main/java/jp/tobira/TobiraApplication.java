package jp.tobira;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class TobiraApplication {

	public static void main(String[] args) {
		SpringApplication.run(TobiraApplication.class, args);
	}

}
