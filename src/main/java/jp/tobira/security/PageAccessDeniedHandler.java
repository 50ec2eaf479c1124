package jp.tobira.security;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * A page the filter chain refuses answers with the same 403 page as a refusal inside a
 * controller ({@code web/PageErrors}), whatever the client said it accepts: Spring Boot's
 * error controller would otherwise answer a client that asked for no HTML with JSON.
 */
final class PageAccessDeniedHandler implements AccessDeniedHandler {

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException, ServletException {
		if (response.isCommitted()) {
			return;
		}
		request.setAttribute(WebAttributes.ACCESS_DENIED_403, denied);
		request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, HttpServletResponse.SC_FORBIDDEN);
		request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, request.getRequestURI());
		response.setStatus(HttpServletResponse.SC_FORBIDDEN);
		request.getRequestDispatcher("/error").forward(new AsksForHtml(request), response);
	}

	private static final class AsksForHtml extends HttpServletRequestWrapper {

		AsksForHtml(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getHeader(String name) {
			return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? MediaType.TEXT_HTML_VALUE : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return HttpHeaders.ACCEPT.equalsIgnoreCase(name)
					? Collections.enumeration(java.util.List.of(MediaType.TEXT_HTML_VALUE)) : super.getHeaders(name);
		}

	}

}
