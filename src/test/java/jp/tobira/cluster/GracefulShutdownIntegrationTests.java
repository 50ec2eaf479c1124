package jp.tobira.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

import jp.tobira.TobiraApplication;

/**
 * A node shut down while it serves a request: it stops taking jobs first (another node
 * takes them), the request in flight still gets its answer, and only then does the web
 * server stop. The request is held in a test-only filter until the test has seen the job
 * executor stop: with graceful shut-down the web server waits for it, so the job executor
 * stopped while the web server was still serving.
 */
class GracefulShutdownIntegrationTests {

	private static final Logger log = LoggerFactory.getLogger(GracefulShutdownIntegrationTests.class);

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final CountDownLatch held = new CountDownLatch(1);

	private static final CountDownLatch release = new CountDownLatch(1);

	@Test
	void stopsTakingJobsFirstAndFinishesTheRequestInFlightBeforeTheWebServerStops() throws Exception {
		ConfigurableApplicationContext node = new SpringApplicationBuilder(TobiraApplication.class)
			.initializers(context -> ((GenericApplicationContext) context).registerBean("holdOneRequest",
					FilterRegistrationBean.class, GracefulShutdownIntegrationTests::holdingFilter))
			.run("--server.port=0", "--camunda.bpm.job-execution.enabled=true",
					// Camunda's engine registry is static and keyed by name (no hyphens)
					"--camunda.bpm.process-engine-name=gracefulShutdownTest");
		JobExecutor jobExecutor = node.getBean(JobExecutor.class);
		assertThat(jobExecutor.isActive()).as("the node takes jobs").isTrue();
		// the log-in page: public, and it stores a session (in PostgreSQL) as it answers.
		// Not the health endpoint, which reports the node down once its job executor
		// has stopped
		String logIn = "http://localhost:" + node.getEnvironment().getProperty("local.server.port") + "/login";

		CompletableFuture<HttpResponse<String>> inFlight = HttpClient.newHttpClient()
			.sendAsync(HttpRequest.newBuilder(URI.create(logIn)).header("X-Hold", "until released").build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(held.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the request is in flight").isTrue();

		long closing = System.nanoTime();
		CompletableFuture<Void> closed = CompletableFuture.runAsync(node::close);
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (jobExecutor.isActive() && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		long jobsStopped = System.nanoTime();
		assertThat(jobExecutor.isActive()).as("the job executor stopped").isFalse();
		assertThat(inFlight).as("while the request was still in flight, so before the web server stopped").isNotDone();
		assertThat(closed).as("the node waits for the request").isNotDone();

		release.countDown();
		HttpResponse<String> answer = inFlight.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.headers().firstValue("Set-Cookie")).as("its session stored").isPresent();
		assertThat(node.isActive()).isFalse();
		log.info(
				"shut-down with a request in flight: job acquisition stopped {} ms after close, the request "
						+ "answered {}, the node closed {} ms after close",
				TimeUnit.NANOSECONDS.toMillis(jobsStopped - closing), answer.statusCode(),
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closing));
	}

	/** Holds a request marked {@code X-Hold} until the test releases it. */
	private static FilterRegistrationBean<Filter> holdingFilter() {
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new Filter() {
			@Override
			public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
					throws IOException, ServletException {
				if (((HttpServletRequest) request).getHeader("X-Hold") != null) {
					held.countDown();
					try {
						release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
				chain.doFilter(request, response);
			}
		});
		registration.addUrlPatterns("/login");
		return registration;
	}

}
