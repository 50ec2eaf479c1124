package jp.tobira.api;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import jp.tobira.validation.FieldProblem;
import jp.tobira.validation.InvalidInput;
import jp.tobira.validation.Refusal;

/**
 * Every API error as an RFC 9457 problem. Problems about input carry {@code errors}: one
 * {@code {field, message}} per field, with the field's path in the request body
 * ({@code reserves.assets[0].amount}) or the part's name. Only the API's controllers
 * (every {@code @RestController}, ahead of the screens' advice): the screens answer with
 * pages ({@code web.PageErrors}), and what Spring MVC refuses before any controller is
 * chosen is answered by {@link ApiRequestProblems}.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiProblems extends ResponseEntityExceptionHandler {

	@ExceptionHandler(InvalidInput.class)
	ProblemDetail invalidInput(InvalidInput ex, HttpServletRequest request) {
		HttpStatus status = ex.tooLarge() ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.BAD_REQUEST;
		return withFields(problem(status, "Invalid input", ex.getMessage(), request), ex.problems());
	}

	/**
	 * Every feature's refusal, by its kind; the fields it names become the problem's
	 * {@code errors}.
	 */
	@ExceptionHandler(Refusal.class)
	ProblemDetail refused(Refusal ex, HttpServletRequest request, HttpServletResponse response) {
		HttpStatus status = switch (ex.kind()) {
			case NOT_FOUND -> HttpStatus.NOT_FOUND;
			case FORBIDDEN -> HttpStatus.FORBIDDEN;
			case CONFLICT -> HttpStatus.CONFLICT;
			case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_ENTITY;
			case TOO_MANY_REQUESTS -> HttpStatus.TOO_MANY_REQUESTS;
		};
		// whole seconds, rounded up, so a client that waits as told is not refused again
		ex.retryAfter()
			.ifPresent(wait -> response.setHeader(HttpHeaders.RETRY_AFTER,
					String.valueOf(Math.max(1, wait.plusMillis(999).toSeconds()))));
		ProblemDetail problem = problem(status, ex.title(), ex.getMessage(), request);
		if (!ex.fields().isEmpty()) {
			withFields(problem, ex.fields());
		}
		if (ex.kind() == Refusal.Kind.UNPROCESSABLE) {
			// what a case lacks before it can go on, by name, so a client can fill it in
			problem.setProperty("missing", ex.fields().stream().map(FieldProblem::field).toList());
		}
		return problem;
	}

	@ExceptionHandler(AccessDeniedException.class)
	ProblemDetail forbidden(AccessDeniedException ex, HttpServletRequest request) {
		return problem(HttpStatus.FORBIDDEN, "Forbidden", ex.getMessage(), request);
	}

	/** A malformed id names no case that exists: answered like any unknown case. */
	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ProblemDetail typeMismatch(MethodArgumentTypeMismatchException ex, HttpServletRequest request) {
		if (ex.getParameter().hasParameterAnnotation(org.springframework.web.bind.annotation.PathVariable.class)) {
			return problem(HttpStatus.NOT_FOUND, "Not found", "No such resource.", request);
		}
		return withFields(problem(HttpStatus.BAD_REQUEST, "Invalid input",
				"Parameter " + ex.getName() + " is not valid.", request),
				List.of(new FieldProblem(ex.getName(), "is not a valid value")));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		FieldProblem field = describe(ex.getCause());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				field.field() + ": " + field.message());
		problem.setTitle("Invalid input");
		problem.setProperty("errors", List.of(fieldMap(field)));
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestPart(MissingServletRequestPartException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return missing(ex, ex.getRequestPartName(), headers, request);
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return missing(ex, ex.getParameterName(), headers, request);
	}

	@Override
	protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return handleExceptionInternal(ex, uploadTooLarge(), headers, HttpStatus.PAYLOAD_TOO_LARGE, request);
	}

	/**
	 * An upload over the container's multipart limit, refused before the application
	 * could read it.
	 */
	static ProblemDetail uploadTooLarge() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
				"file: the upload is larger than the server accepts");
		problem.setTitle("Invalid input");
		problem.setProperty("errors", List.of(Map.of("field", "file", "message", "is larger than the server accepts")));
		return problem;
	}

	private ResponseEntity<Object> missing(Exception ex, String name, HttpHeaders headers, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, name + ": is required");
		problem.setTitle("Invalid input");
		problem.setProperty("errors", List.of(Map.of("field", name, "message", "is required")));
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	private static FieldProblem describe(Throwable cause) {
		for (Throwable t = cause; t != null; t = t.getCause()) {
			if (t instanceof JsonParseException parse) {
				return new FieldProblem("body", "is not well-formed JSON (line " + parse.getLocation().getLineNr()
						+ ", column " + parse.getLocation().getColumnNr() + ")");
			}
		}
		if (cause instanceof UnrecognizedPropertyException unknown) {
			return new FieldProblem(path(unknown), "is not a field of this request");
		}
		if (cause instanceof InvalidFormatException format) {
			Class<?> target = format.getTargetType();
			String expected = target != null && target.isEnum()
					? "one of " + java.util.Arrays.toString(target.getEnumConstants()) : expectedKind(target);
			return new FieldProblem(path(format), "\"" + format.getValue() + "\" is not " + expected);
		}
		if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
			return new FieldProblem(path(mapping), "has the wrong form");
		}
		return new FieldProblem("body", "cannot be read");
	}

	private static String expectedKind(Class<?> target) {
		if (target == null) {
			return "a valid value";
		}
		if (Number.class.isAssignableFrom(target) || target.isPrimitive()) {
			return "a number";
		}
		if (target == java.time.LocalDate.class) {
			return "a date (YYYY-MM-DD)";
		}
		if (target == Boolean.class) {
			return "true or false";
		}
		return "a valid " + target.getSimpleName();
	}

	/**
	 * The JSON path of the failing value, written the way Bean Validation writes paths.
	 */
	private static String path(JsonMappingException ex) {
		StringBuilder path = new StringBuilder();
		for (JsonMappingException.Reference reference : ex.getPath()) {
			if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
			else if (reference.getFieldName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
			}
		}
		return path.isEmpty() ? "body" : path.toString();
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail, HttpServletRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		problem.setInstance(URI.create(request.getRequestURI()));
		return problem;
	}

	private static ProblemDetail withFields(ProblemDetail problem, List<FieldProblem> problems) {
		problem.setProperty("errors", problems.stream().map(ApiProblems::fieldMap).collect(Collectors.toList()));
		return problem;
	}

	private static Map<String, String> fieldMap(FieldProblem problem) {
		return Map.of("field", problem.field(), "message", problem.message());
	}

}
