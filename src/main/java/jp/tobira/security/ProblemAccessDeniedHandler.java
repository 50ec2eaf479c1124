package jp.tobira.security;

import java.io.IOException;
import java.net.URI;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Component;

/** 403 for the API as an RFC 9457 problem; a missing CSRF token is named as such. */
@Component
class ProblemAccessDeniedHandler implements AccessDeniedHandler {

	private final ObjectMapper objectMapper;

	ProblemAccessDeniedHandler(ObjectMapper objectMapper) {
		this.objectMapper = objectMapper;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		boolean csrf = accessDeniedException instanceof CsrfException;
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
				csrf ? "The request carries no valid CSRF token: reload the page, or use HTTP Basic for API calls."
						: "Your role does not allow this.");
		problem.setTitle(csrf ? "Missing CSRF token" : "Forbidden");
		problem.setInstance(URI.create(request.getRequestURI()));
		response.setStatus(HttpStatus.FORBIDDEN.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		objectMapper.writeValue(response.getOutputStream(), problem);
	}

}
