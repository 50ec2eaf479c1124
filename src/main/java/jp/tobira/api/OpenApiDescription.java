package jp.tobira.api;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description a client generator can trust (served at {@code /v3/api-docs}):
 * the two ways in (HTTP Basic, and a Bearer API token for machines), and on every
 * operation the refusals it can meet, each an RFC 9457 problem ({@code Problem}, the
 * shape {@link ApiProblems} writes). Which refusals an operation can meet follows from
 * what the doors do to every request, not from each controller: every credential can be
 * refused or throttled (401, 429), a role or a missing CSRF token refused (403), any
 * parameter or body refused (400, control characters included), a path naming a resource
 * may find none that the caller may see (404), and a change may be stopped by what came
 * first or by the case's state (409, 422). A multipart upload may be too large (413).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiDescription {

	static final String PROBLEM = "Problem";

	private static final String PROBLEM_JSON = "application/problem+json";

	/** The public register: the one operation anyone may call. */
	private static final String PUBLIC_PATH = "/api/v1/register";

	@Bean
	OpenAPI tobiraOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Tobira")
				.version("v1")
				.description("Applications for the recognition of foreign trust-type stablecoins as electronic "
						+ "payment means, their review and decision, and the public register. Errors are RFC 9457 "
						+ "problem details naming each field."))
			.components(new Components()
				.addSecuritySchemes("basic",
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("basic")
							.description("A user's name and password; failed log-ins are throttled (429)."))
				.addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP)
					.scheme("bearer")
					.description("An API token (README, \"API tokens\"): for issuers' and reviewers' systems.")))
			.security(List.of(new SecurityRequirement().addList("basic"), new SecurityRequirement().addList("bearer")));
	}

	/**
	 * Runs on the description springdoc built from the controllers (which would drop a
	 * schema no controller names, so the problem's is added here).
	 */
	@Bean
	OpenApiCustomizer refusalsOnEveryOperation() {
		return openApi -> {
			openApi.getComponents().addSchemas(PROBLEM, problemSchema());
			openApi.getPaths().forEach((path, item) -> refusals(path, item));
		};
	}

	private static void refusals(String path, PathItem item) {
		item.readOperationsMap().forEach((method, op) -> {
			ApiResponses responses = op.getResponses() == null ? new ApiResponses() : op.getResponses();
			boolean open = path.equals(PUBLIC_PATH) && method == PathItem.HttpMethod.GET;
			if (open) {
				op.setSecurity(List.of());
			}
			refusal(responses, "400", "Bad input: each problem named by its field in `errors`");
			if (!open) {
				refusal(responses, "401", "No credentials, or wrong, revoked or expired ones");
				refusal(responses, "403", "The caller's role may not do this, or a session's CSRF token is missing");
				refusal(responses, "429", "Too many failed log-ins for the account or the address (`Retry-After`)");
			}
			if (path.contains("{")) {
				refusal(responses, "404", "Nothing there that the caller may see (another issuer's case reads so)");
			}
			if (method != PathItem.HttpMethod.GET) {
				refusal(responses, "409", "What someone did first, or the state of the case, stands in the way");
				refusal(responses, "422", "Well formed, but the case is not ready for it (what is missing is named)");
			}
			if (multipart(op)) {
				refusal(responses, "413", "The file is larger than the limit");
			}
			op.setResponses(responses);
		});
	}

	private static boolean multipart(Operation op) {
		return op.getRequestBody() != null && op.getRequestBody().getContent() != null
				&& op.getRequestBody().getContent().containsKey("multipart/form-data");
	}

	private static void refusal(ApiResponses responses, String status, String description) {
		// replaces what springdoc guessed from the exception handlers (a ProblemDetail
		// under any media type)
		responses.put(status,
				new ApiResponse().description(description)
					.content(new Content().addMediaType(PROBLEM_JSON,
							new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
	}

	@SuppressWarnings("rawtypes")
	private static Schema problemSchema() {
		ObjectSchema field = new ObjectSchema();
		field.setProperties(
				Map.of("field", new StringSchema().description("the field's path, such as reserves.assets[0].amount"),
						"message", new StringSchema().description("what is wrong with it, in English")));
		ObjectSchema problem = new ObjectSchema();
		problem.description("An RFC 9457 problem");
		problem.addProperty("type", new StringSchema().description("a URI naming the problem's type"));
		problem.addProperty("title", new StringSchema());
		problem.addProperty("status", new IntegerSchema());
		problem.addProperty("detail", new StringSchema());
		problem.addProperty("instance", new StringSchema());
		problem.addProperty("errors", new ArraySchema().items(field));
		problem.setRequired(List.of("title", "status"));
		return problem;
	}

}
