package jp.tobira;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole application on a random port against PostgreSQL, with the demo users. Every
 * integration test uses this one configuration, so the test run starts one context (one
 * PostgreSQL, one engine) and reuses it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(classes = TobiraApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
public @interface TobiraIntegrationTest {

}
