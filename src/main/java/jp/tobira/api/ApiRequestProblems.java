package jp.tobira.api;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.util.WebUtils;

import jp.tobira.validation.ControlCharacters;
import jp.tobira.validation.FieldProblem;

/**
 * What Spring MVC refuses under {@code /api} before a controller is chosen (an upload
 * over the container's multipart limit, a wrong method or media type, an unknown address)
 * as an RFC 9457 problem, like every other API error. Such a refusal has no controller,
 * so {@link ApiProblems}, which covers only the API's controllers, never sees it. Any
 * other address is left to the screens' error pages: the exception is handed on (an
 * advice that applies to no controller cannot be scoped by package, so the address
 * decides).
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiRequestProblems {

	@ExceptionHandler({ MaxUploadSizeExceededException.class, HttpRequestMethodNotSupportedException.class,
			HttpMediaTypeNotSupportedException.class, HttpMediaTypeNotAcceptableException.class,
			NoResourceFoundException.class, NoHandlerFoundException.class })
	ResponseEntity<ProblemDetail> refused(Exception ex, HttpServletRequest request) throws Exception {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (!path.startsWith("/api/")) {
			if (ex instanceof MaxUploadSizeExceededException) {
				// Boot's error page answers a screen; marked so, its error dispatch does
				// not parse the oversized body
				// again (and fail again, leaving an empty response): see
				// DispatcherServlet.checkMultipart
				request.setAttribute(WebUtils.ERROR_EXCEPTION_ATTRIBUTE, ex);
			}
			throw ex;
		}
		ProblemDetail problem;
		if (ex instanceof MaxUploadSizeExceededException) {
			problem = ApiProblems.uploadTooLarge();
		}
		else {
			problem = ((ErrorResponse) ex).getBody();
		}
		problem.setInstance(URI.create(request.getRequestURI()));
		HttpHeaders headers = new HttpHeaders();
		if (ex instanceof ErrorResponse response) {
			headers.addAll(response.getHeaders());
		}
		headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return ResponseEntity.status(problem.getStatus()).headers(headers).body(problem);
	}

	/**
	 * A multipart body the container cannot read (cut short, without a boundary, a file
	 * name the container itself refuses, such as one holding NUL): the client's fault, so
	 * 400, as a problem naming the body (or the file) under {@code /api} and the 400 page
	 * elsewhere. Refused before any controller is chosen, like the oversized upload above
	 * (which stays with the handler above, the closer match).
	 */
	@ExceptionHandler(MultipartException.class)
	ResponseEntity<ProblemDetail> unreadable(MultipartException ex, HttpServletRequest request,
			HttpServletResponse response) throws Exception {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (!path.startsWith("/api/")) {
			// as above: the error dispatch must not parse the body again
			request.setAttribute(WebUtils.ERROR_EXCEPTION_ATTRIBUTE, ex);
			response.sendError(HttpStatus.BAD_REQUEST.value());
			return null;
		}
		FieldProblem field = fileNameRefused(ex) ? ControlCharacters.problem("file")
				: FieldProblem.of("body", "input.unreadableMultipart");
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				field.field() + ": " + field.message());
		problem.setTitle("Invalid input");
		problem.setProperty("errors", List.of(Map.of("field", field.field(), "message", field.message())));
		problem.setInstance(URI.create(request.getRequestURI()));
		return ResponseEntity.status(HttpStatus.BAD_REQUEST)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	/**
	 * Tomcat refuses a file name holding NUL while it parses the body; its exception is
	 * found by name, as Tomcat's own packages are no API.
	 */
	private static boolean fileNameRefused(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t.getClass().getSimpleName().equals("InvalidFileNameException")) {
				return true;
			}
		}
		return false;
	}

}
