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
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

import jp.tobira.audit.AuditKind;
import jp.tobira.audit.AuditLog;

/**
 * Successful log-ins through the form go into the audit log (ARCHITECTURE.md §5). HTTP
 * Basic requests do not: each API call authenticates again, and recording every one would
 * bury the log-ins that people make.
 *
 * <p>
 * Failed log-ins are no longer one audit entry each: an audit entry takes the chain-head
 * lock, so every anonymous guess would have queued up every writer of the log. They are
 * rows of {@code app.login_attempt} (with the name tried, cut to the longest a real one
 * can be, never the password), and the audit log gets one {@code LOGIN_THROTTLED} entry
 * when an account or address has failed too often ({@link LogInThrottle}).
 */
@Component
class LogInAudit implements AuthenticationFailureHandler {

	private final AuditLog auditLog;

	private final AuthenticationFailureHandler wrongCredentials = new SimpleUrlAuthenticationFailureHandler(
			"/login?error");

	private final RedirectStrategy redirect = new DefaultRedirectStrategy();

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
	 * The form log-in's failure handler: the log-in page with its error, or, when log-ins
	 * are throttled, with how many minutes they stay refused (the page says it in the
	 * reader's language).
	 */
	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException, ServletException {
		if (exception instanceof LogInThrottledException throttled) {
			redirect.sendRedirect(request, response, "/login?throttled=" + throttled.retryAfterMinutes());
			return;
		}
		wrongCredentials.onAuthenticationFailure(request, response, exception);
	}

}
