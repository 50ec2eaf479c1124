package jp.tobira.api;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
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
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.util.WebUtils;

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
			NoResourceFoundException.class })
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

}
