package jp.tobira.security;

import java.io.IOException;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.stereotype.Component;

/**
 * 401 for the API as an RFC 9457 problem, with the Basic challenge so API clients know
 * what to send (a refused API token is told that its token is invalid); 429 with
 * {@code Retry-After} when the log-in is throttled, so a client knows that sending other
 * credentials will not help before then.
 */
@Component
class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

	private final ObjectMapper objectMapper;

	private final MessageSource messages;

	ProblemAuthenticationEntryPoint(ObjectMapper objectMapper, MessageSource messages) {
		this.objectMapper = objectMapper;
		this.messages = messages;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		if (authException instanceof LogInThrottledException throttled) {
			tooManyFailures(request, response, throttled);
			return;
		}
		boolean badToken = authException instanceof InvalidApiToken;
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, badToken
				? authException.getMessage()
				: "Log in first: send HTTP Basic credentials or an API token (Bearer), or use the session of a form log-in.");
		problem.setTitle(badToken ? "Invalid API token" : "Authentication required");
		problem.setInstance(java.net.URI.create(request.getRequestURI()));
		response.setStatus(HttpStatus.UNAUTHORIZED.value());
		// RFC 6750 §3: a refused token is told so; anyone else gets the Basic challenge
		response.setHeader("WWW-Authenticate",
				badToken ? "Bearer realm=\"Tobira\", error=\"invalid_token\"" : "Basic realm=\"Tobira\"");
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		objectMapper.writeValue(response.getOutputStream(), problem);
	}

	/**
	 * No Basic challenge: the client should wait, not ask its user for another password.
	 * The API answers in English (the bundle's English text).
	 */
	private void tooManyFailures(HttpServletRequest request, HttpServletResponse response,
			LogInThrottledException throttled) throws IOException {
		long seconds = throttled.retryAfterSeconds();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
				messages.getMessage("login.throttled.detail", new Object[] { Long.toString(seconds) }, Locale.ENGLISH));
		problem.setTitle(messages.getMessage("login.throttled.title", null, Locale.ENGLISH));
		problem.setInstance(java.net.URI.create(request.getRequestURI()));
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		objectMapper.writeValue(response.getOutputStream(), problem);
	}

}
