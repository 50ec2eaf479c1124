package jp.tobira.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

import jp.tobira.audit.AuditKind;
import jp.tobira.audit.AuditLog;

/**
 * Log-ins through the form go into the audit log (ARCHITECTURE.md §5), successful or not.
 * HTTP Basic requests do not: each API call authenticates again, and recording every one
 * would bury the log-ins that people make. A failure records the user name that was tried
 * (cut to the longest a real one can be), never the password.
 */
@Component
class LogInAudit implements AuthenticationFailureHandler {

	static final String ANONYMOUS = "anonymous";

	private static final int USERNAME_LIMIT = 64;

	private final AuditLog auditLog;

	private final AuthenticationFailureHandler page = new SimpleUrlAuthenticationFailureHandler("/login?error");

	LogInAudit(AuditLog auditLog) {
		this.auditLog = auditLog;
	}

	/**
	 * Published by the form log-in filter only; Basic authentication publishes no
	 * interactive event.
	 */
	@EventListener
	void loggedIn(InteractiveAuthenticationSuccessEvent event) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("method", "form");
		if (event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details) {
			payload.put("remoteAddress", details.getRemoteAddress());
		}
		auditLog.append(event.getAuthentication().getName(), null, AuditKind.LOGGED_IN, payload);
	}

	/**
	 * The form log-in's failure handler: records the attempt, then shows the log-in page
	 * with its error.
	 */
	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException, ServletException {
		String tried = request.getParameter("username");
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("method", "form");
		payload.put("username",
				tried == null ? "" : tried.length() > USERNAME_LIMIT ? tried.substring(0, USERNAME_LIMIT) : tried);
		payload.put("reason", exception.getClass().getSimpleName());
		payload.put("remoteAddress", request.getRemoteAddr());
		auditLog.append(ANONYMOUS, null, AuditKind.LOGIN_FAILED, payload);
		page.onAuthenticationFailure(request, response, exception);
	}

}
