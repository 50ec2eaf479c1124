package jp.tobira.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

import jp.tobira.TobiraIntegrationTest;

/**
 * The OpenAPI description as the application serves it, read by swagger.io's parser with
 * its validation on: valid, both ways in declared, and every operation summarised and
 * documenting its refusals with the problem schema.
 */
@TobiraIntegrationTest
class OpenApiDescriptionIntegrationTests {

	@Autowired
	TestRestTemplate rest;

	@Test
	void theServedDescriptionIsValidAndEveryOperationSaysWhatItDoesAndHowItIsRefused() {
		String served = new ApiClient(rest, "admin").get("/v3/api-docs").body();
		ParseOptions options = new ParseOptions();
		options.setResolve(true);
		options.setValidateInternalRefs(true);
		SwaggerParseResult result = new OpenAPIParser().readContents(served, null, options);

		assertThat(result.getMessages()).as("the validator's messages").isEmpty();
		OpenAPI api = result.getOpenAPI();
		assertThat(api.getOpenapi()).startsWith("3.");
		assertThat(api.getComponents().getSecuritySchemes()).containsKeys("basic", "bearer");
		assertThat(api.getComponents().getSecuritySchemes().get("bearer").getScheme()).isEqualTo("bearer");

		List<String> operations = new ArrayList<>();
		api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
			String name = method + " " + path;
			operations.add(name);
			assertThat(op.getSummary()).as(name + " has a summary").isNotBlank();
			assertThat(op.getResponses()).as(name).containsKey("400");
			assertThat(op.getResponses().get("400").getContent().get("application/problem+json").getSchema().get$ref())
				.as(name)
				.endsWith("/Problem");
			if (!path.equals("/api/v1/register")) {
				assertThat(op.getResponses()).as(name).containsKeys("401", "403", "429");
			}
			if (path.contains("{")) {
				assertThat(op.getResponses()).as(name).containsKey("404");
			}
		}));
		assertThat(operations).contains("POST /api/v1/rulebook/versions", "GET /api/v1/applications/{id}",
				"POST /api/v1/tasks/{id}/pre-screen");
		assertThat(api.getPaths().get("/api/v1/register").getGet().getSecurity()).as("the public register").isEmpty();
	}

}
