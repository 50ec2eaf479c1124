package jp.tobira.application;

import java.time.Duration;
import java.util.List;
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
 * The room for uploads on this node: a request that carries files (every form and API
 * endpoint that takes a document reads it whole into memory to check and store it) takes
 * its files' size from the room before its controller runs and gives it back when it is
 * answered. With the heap bounded (jvm.options), four of the largest documents at once
 * ran the node out of memory and were answered 500; now a request whose files do not fit
 * in {@code tobira.documents.storing-at-once.bytes} beside those being stored waits and,
 * past its {@code max-wait}, is refused with 429 and {@code Retry-After}, as the screens
 * and the API answer every refusal. Counted in bytes, not requests, so that small
 * documents do not queue behind large ones.
 */
@Configuration(proxyBeanMethods = false)
class UploadRoom implements WebMvcConfigurer, HandlerInterceptor {

	private static final String HOLDS = UploadRoom.class.getName() + ".holds";

	/**
	 * The room, in KiB of files, so that a 25 MB document and a 200 kB one take their own
	 * share.
	 */
	private final Semaphore kibibytes;

	private final int room;

	private final Duration maxWait;

	UploadRoom(DocumentsProperties properties) {
		this.room = (int) Math.min(Integer.MAX_VALUE, properties.storingAtOnce().bytes().toKilobytes());
		this.kibibytes = new Semaphore(room, true);
		this.maxWait = properties.storingAtOnce().maxWait();
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this);
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws InterruptedException {
		if (request.getDispatcherType() != DispatcherType.REQUEST) {
			return true;
		}
		long bytes = bytesOfFiles(request);
		if (bytes == 0) {
			return true;
		}
		int share = (int) Math.min(room, Math.max(1, (bytes + 1023) / 1024));
		if (!kibibytes.tryAcquire(share, maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new UploadRoomFull();
		}
		request.setAttribute(HOLDS, share);
		return true;
	}

	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		if (request.getAttribute(HOLDS) instanceof Integer share) {
			request.removeAttribute(HOLDS);
			kibibytes.release(share);
		}
	}

	private static long bytesOfFiles(HttpServletRequest request) {
		MultipartHttpServletRequest multipart = WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
		return multipart == null ? 0
				: multipart.getMultiFileMap()
					.values()
					.stream()
					.flatMap(List::stream)
					.mapToLong(file -> file.getSize())
					.sum();
	}

	/** Room still free, in KiB, for tests. */
	int free() {
		return kibibytes.availablePermits();
	}

}
