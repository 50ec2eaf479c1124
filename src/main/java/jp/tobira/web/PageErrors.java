package jp.tobira.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

import jp.tobira.security.TobiraUser;
import jp.tobira.validation.InvalidInput;
import jp.tobira.validation.Refusal;

/**
 * Errors of the screens as pages, with the status the JSON API gives the same condition
 * (which it answers with problem details, see {@code api.ApiProblems}): a page never
 * answers with JSON.
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class PageErrors {

	private final PageModel pageModel;

	private final Explanations explanations;

	PageErrors(PageModel pageModel, Explanations explanations) {
		this.explanations = explanations;
		this.pageModel = pageModel;
	}

	/** Every feature's refusal, by its kind. */
	@ExceptionHandler(Refusal.class)
	String refused(Refusal ex, HttpServletRequest request, HttpServletResponse response, Model model) {
		switch (ex.kind()) {
			case NOT_FOUND -> {
				response.setStatus(HttpStatus.NOT_FOUND.value());
				return page("error/404", request, model);
			}
			case FORBIDDEN -> {
				response.setStatus(HttpStatus.FORBIDDEN.value());
				return page("error/403", request, model);
			}
			case TOO_MANY_REQUESTS -> {
				// a screen that expects such a refusal shows it beside its field; any
				// other
				// gets this page, with the same status and wait as the API's
				response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
				ex.retryAfter()
					.ifPresent(wait -> response.setHeader(HttpHeaders.RETRY_AFTER,
							String.valueOf(Math.max(1, wait.plusMillis(999).toSeconds()))));
				model.addAttribute("detail", explanations.of(ex));
				return page("error/429", request, model);
			}
			default -> {
				// a double submission, a change to a case that has moved on, a task
				// someone else completed first
				response.setStatus(HttpStatus.CONFLICT.value());
				model.addAttribute("detail", explanations.of(ex));
				return page("error/409", request, model);
			}
		}
	}

	/**
	 * A malformed id in the path names nothing that exists: answered like any unknown
	 * case.
	 */
	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	String typeMismatch(MethodArgumentTypeMismatchException ex, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		if (ex.getParameter().hasParameterAnnotation(PathVariable.class)) {
			response.setStatus(HttpStatus.NOT_FOUND.value());
			return page("error/404", request, model);
		}
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		return page("error/400", request, model);
	}

	@ExceptionHandler(AccessDeniedException.class)
	@ResponseStatus(HttpStatus.FORBIDDEN)
	String forbidden(HttpServletRequest request, Model model) {
		return page("error/403", request, model);
	}

	@ExceptionHandler(InvalidInput.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	String invalid(InvalidInput ex, HttpServletRequest request, Model model) {
		model.addAttribute("detail", explanations.of(ex));
		return page("error/400", request, model);
	}

	/**
	 * An upload over the container's multipart limit, should it reach a screen's
	 * controller. Usually Spring MVC refuses it before any controller is chosen; then
	 * Boot's error page answers with {@code error/413} (see
	 * {@code api.ApiRequestProblems}).
	 */
	@ExceptionHandler(MaxUploadSizeExceededException.class)
	@ResponseStatus(HttpStatus.PAYLOAD_TOO_LARGE)
	String tooLarge(HttpServletRequest request, Model model) {
		return page("error/413", request, model);
	}

	/**
	 * An exception handler's model gets none of the {@code @ModelAttribute}s, so the
	 * layout's are added here. After a POST the language switch leads to the start page:
	 * a GET of the posted address would only be refused.
	 */
	private String page(String view, HttpServletRequest request, Model model) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		model.addAttribute("currentUser", pageModel.currentUser(
				authentication != null && authentication.getPrincipal() instanceof TobiraUser user ? user : null));
		model.addAttribute("currentUrl", "GET".equals(request.getMethod()) ? pageModel.currentUrl(request) : "/");
		model.addAttribute("demo", pageModel.demo());
		return view;
	}

}
