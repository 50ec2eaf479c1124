package jp.tobira.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.util.WebUtils;

import jp.tobira.validation.ControlCharacters;
import jp.tobira.validation.FieldProblem;
import jp.tobira.validation.InvalidInput;

/**
 * Every parameter (query string, form, a multipart's text parts), path variable and
 * uploaded file name of every request, screens and API alike, held to
 * {@link ControlCharacters} before any controller sees it, so no feature has to check its
 * own fields and a NUL never reaches PostgreSQL. JSON bodies are checked after they are
 * read ({@code api.JsonBodyText}). A refusal is an {@link InvalidInput} naming the
 * parameter, answered as every other: a problem under {@code /api}, the 400 page on the
 * screens. A multipart body in which no part could be found (its boundary is not the one
 * its Content-Type declares) is refused here too, naming the body, rather than answering
 * that its parts are missing.
 */
@Configuration(proxyBeanMethods = false)
class ControlCharacterGuard implements WebMvcConfigurer, HandlerInterceptor {

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		// ahead of the language switch, which reads ?lang= too
		registry.addInterceptor(this).order(Ordered.HIGHEST_PRECEDENCE);
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws Exception {
		if (request.getDispatcherType() == DispatcherType.ERROR) {
			// the request was answered already: its error page must render whatever it
			// carried
			return true;
		}
		List<FieldProblem> problems = new ArrayList<>();
		request.getParameterMap().forEach((name, values) -> {
			if (ControlCharacters.inName(name)) {
				problems.add(ControlCharacters.problem("parameter"));
			}
			else if (values != null && java.util.Arrays.stream(values).anyMatch(ControlCharacters::inText)) {
				problems.add(ControlCharacters.problem(name));
			}
		});
		if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
			variables.forEach((name, value) -> {
				if (value instanceof String text && ControlCharacters.inName(text)) {
					problems.add(ControlCharacters.problem(String.valueOf(name)));
				}
			});
		}
		MultipartHttpServletRequest multipart = WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
		if (multipart != null) {
			multipart.getMultiFileMap().forEach((part, files) -> {
				if (files.stream().map(MultipartFile::getOriginalFilename).anyMatch(ControlCharacters::inName)) {
					problems.add(ControlCharacters.problem(part));
				}
			});
			if (request.getContentLengthLong() != 0 && noParts(request)) {
				problems.add(FieldProblem.of("body", "input.unreadableMultipart"));
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidInput(problems);
		}
		return true;
	}

	private static boolean noParts(HttpServletRequest request) throws java.io.IOException {
		try {
			return request.getParts().isEmpty();
		}
		catch (ServletException ex) {
			// already parsed once without failing (or the resolver would have refused it)
			return false;
		}
	}

}
