package jp.tobira.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.mock.web.MockMultipartHttpServletRequest;
import org.springframework.util.unit.DataSize;

/**
 * A node reads and stores only so many uploads at once: one more waits for a place and,
 * past the wait, is refused (429 with Retry-After) before its controller reads a byte.
 */
class UploadPlacesTests {

	private final UploadPlaces places = new UploadPlaces(new DocumentsProperties(DataSize.ofMegabytes(25), 50,
			DataSize.ofMegabytes(250), new DocumentsProperties.Archive(1000, DataSize.ofMegabytes(100), 100),
			new DocumentsProperties.UploadRate(120, Duration.ofMinutes(10)),
			new DocumentsProperties.StoringAtOnce(1, Duration.ofMillis(50))));

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	@Test
	void oneMoreUploadThanThePlacesIsRefusedUntilAPlaceIsGivenBack() throws Exception {
		MockMultipartHttpServletRequest first = upload();
		MockMultipartHttpServletRequest second = upload();

		assertThat(places.preHandle(first, response, null)).isTrue();
		assertThat(places.free()).isZero();
		assertThatThrownBy(() -> places.preHandle(second, response, null)).isInstanceOf(UploadPlacesTaken.class)
			.satisfies(
					refusal -> assertThat(((UploadPlacesTaken) refusal).retryAfter()).contains(Duration.ofSeconds(5)));

		places.afterCompletion(first, response, null, null);
		assertThat(places.free()).isOne();
		assertThat(places.preHandle(second, response, null)).isTrue();
		places.afterCompletion(second, response, null, null);
		assertThat(places.free()).isOne();
	}

	@Test
	void aRefusedUploadGivesBackNoPlaceItNeverTook() throws Exception {
		MockMultipartHttpServletRequest holder = upload();
		MockMultipartHttpServletRequest refused = upload();
		places.preHandle(holder, response, null);
		assertThatThrownBy(() -> places.preHandle(refused, response, null)).isInstanceOf(UploadPlacesTaken.class);

		places.afterCompletion(refused, response, null, null);
		assertThat(places.free()).as("the holder's place is still taken").isZero();
		places.afterCompletion(holder, response, null, null);
		assertThat(places.free()).isOne();
	}

	@Test
	void requestsWithoutFilesAndErrorDispatchesTakeNoPlace() throws Exception {
		MockMultipartHttpServletRequest holder = upload();
		places.preHandle(holder, response, null);

		assertThat(places.preHandle(new MockHttpServletRequest("POST", "/api/v1/tasks/x/complete"), response, null))
			.isTrue();
		MockMultipartHttpServletRequest noFile = new MockMultipartHttpServletRequest();
		noFile.addParameter("type", "TRUST_DEED");
		assertThat(places.preHandle(noFile, response, null)).isTrue();
		MockMultipartHttpServletRequest errorPage = upload();
		errorPage.setDispatcherType(DispatcherType.ERROR);
		assertThat(places.preHandle(errorPage, response, null)).isTrue();
		places.afterCompletion(holder, response, null, null);
		assertThat(places.free()).isOne();
	}

	private static MockMultipartHttpServletRequest upload() {
		MockMultipartHttpServletRequest request = new MockMultipartHttpServletRequest();
		request.addFile(new MockMultipartFile("file", "deed.pdf", "application/pdf", new byte[] { 1, 2, 3 }));
		return request;
	}

}
