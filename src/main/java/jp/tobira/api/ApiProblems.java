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

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import jp.tobira.application.ApplicationIncomplete;
import jp.tobira.application.ApplicationNotFound;
import jp.tobira.application.ApplicationStateConflict;
import jp.tobira.application.DocumentTooLarge;
import jp.tobira.application.DuplicateDocument;
import jp.tobira.process.NotYourTask;
import jp.tobira.process.TaskConflict;
import jp.tobira.process.TaskNotFound;
import jp.tobira.review.FourEyesViolation;
import jp.tobira.validation.FieldProblem;
import jp.tobira.validation.InvalidInput;

/**
 * Every API error as an RFC 9457 problem. Problems about input carry {@code errors}: one {@code {field, message}} per
 * field, with the field's path in the request body ({@code reserves.assets[0].amount}) or the part's name.
 * Only the API's controllers: the screens answer with pages ({@code web.PageErrors}), and what Spring MVC refuses
 * before any controller is chosen is answered by {@link ApiRequestProblems}.
 */
@RestControllerAdvice(basePackages = "jp.tobira.api")
class ApiProblems extends ResponseEntityExceptionHandler {

	@ExceptionHandler(InvalidInput.class)
	ProblemDetail invalidInput(InvalidInput ex, HttpServletRequest request) {
		HttpStatus status = ex instanceof DocumentTooLarge ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.BAD_REQUEST;
		return withFields(problem(status, "Invalid input", ex.getMessage(), request), ex.problems());
	}

	@ExceptionHandler(ApplicationIncomplete.class)
	ProblemDetail incomplete(ApplicationIncomplete ex, HttpServletRequest request) {
		ProblemDetail problem = withFields(
				problem(HttpStatus.UNPROCESSABLE_ENTITY, "Application incomplete", ex.getMessage(), request),
				ex.missing());
		problem.setProperty("missing", ex.missing().stream().map(FieldProblem::field).toList());
		return problem;
	}

	@ExceptionHandler(ApplicationNotFound.class)
	ProblemDetail notFound(ApplicationNotFound ex, HttpServletRequest request) {
		return problem(HttpStatus.NOT_FOUND, "Not found", "No such application.", request);
	}

	@ExceptionHandler(ApplicationStateConflict.class)
	ProblemDetail conflict(ApplicationStateConflict ex, HttpServletRequest request) {
		return problem(HttpStatus.CONFLICT, "Conflict", ex.getMessage(), request);
	}

	@ExceptionHandler(DuplicateDocument.class)
	ProblemDetail duplicate(DuplicateDocument ex, HttpServletRequest request) {
		return withFields(problem(HttpStatus.CONFLICT, "Duplicate document", ex.getMessage(), request),
				List.of(new FieldProblem("file", ex.getMessage())));
	}

	@ExceptionHandler(TaskNotFound.class)
	ProblemDetail taskNotFound(TaskNotFound ex, HttpServletRequest request) {
		return problem(HttpStatus.NOT_FOUND, "Not found", ex.getMessage(), request);
	}

	@ExceptionHandler(TaskConflict.class)
	ProblemDetail taskConflict(TaskConflict ex, HttpServletRequest request) {
		return problem(HttpStatus.CONFLICT, "Conflict", ex.getMessage(), request);
	}

	@ExceptionHandler(NotYourTask.class)
	ProblemDetail notYourTask(NotYourTask ex, HttpServletRequest request) {
		return problem(HttpStatus.FORBIDDEN, "Not your task", ex.getMessage(), request);
	}

	@ExceptionHandler(FourEyesViolation.class)
	ProblemDetail fourEyes(FourEyesViolation ex, HttpServletRequest request) {
		return problem(HttpStatus.FORBIDDEN, "Four-eyes rule", ex.getMessage(), request);
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
		return withFields(problem(HttpStatus.BAD_REQUEST, "Invalid input", "Parameter " + ex.getName() + " is not valid.",
				request), List.of(new FieldProblem(ex.getName(), "is not a valid value")));
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

	/** An upload over the container's multipart limit, refused before the application could read it. */
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
					? "one of " + java.util.Arrays.toString(target.getEnumConstants())
					: expectedKind(target);
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

	/** The JSON path of the failing value, written the way Bean Validation writes paths. */
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
