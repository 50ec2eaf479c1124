package jp.tobira.application;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.util.WebUtils;

/**
 * The places for uploads on this node: a request that carries files (every form and API
 * endpoint that takes a document reads it whole into memory to check and store it) takes
 * one before its controller runs and gives it back when it is answered. With the heap
 * bounded (jvm.options), four of the largest documents at once ran the node out of memory
 * and were answered 500; now the ones past {@code tobira.documents.storing-at-once} wait,
 * and past its wait are refused with 429 and {@code Retry-After}, as the screens and the
 * API answer every refusal.
 */
@Configuration(proxyBeanMethods = false)
class UploadPlaces implements WebMvcConfigurer, HandlerInterceptor {

	private static final String HOLDS_PLACE = UploadPlaces.class.getName() + ".holds";

	private final Semaphore places;

	private final Duration maxWait;

	UploadPlaces(DocumentsProperties properties) {
		this.places = new Semaphore(properties.storingAtOnce().uploads(), true);
		this.maxWait = properties.storingAtOnce().maxWait();
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this);
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws InterruptedException {
		if (request.getDispatcherType() != DispatcherType.REQUEST || !carriesFiles(request)) {
			return true;
		}
		if (!places.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new UploadPlacesTaken();
		}
		request.setAttribute(HOLDS_PLACE, Boolean.TRUE);
		return true;
	}

	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		if (request.getAttribute(HOLDS_PLACE) != null) {
			request.removeAttribute(HOLDS_PLACE);
			places.release();
		}
	}

	private static boolean carriesFiles(HttpServletRequest request) {
		MultipartHttpServletRequest multipart = WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
		return multipart != null && multipart.getFileMap().values().stream().anyMatch(file -> !file.isEmpty());
	}

	/** Places still free, for tests. */
	int free() {
		return places.availablePermits();
	}

}
