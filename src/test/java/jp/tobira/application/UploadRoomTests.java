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
 * A node holds only so many bytes of uploads at once: a request whose files do not fit
 * beside those being stored waits for room and, past the wait, is refused (429 with
 * Retry-After) before its controller reads a byte; small files fit beside large ones.
 */
class UploadRoomTests {

	/** Room for 3 KiB of files. */
	private final UploadRoom room = new UploadRoom(new DocumentsProperties(DataSize.ofMegabytes(25), 50,
			DataSize.ofMegabytes(250), new DocumentsProperties.Archive(1000, DataSize.ofMegabytes(100), 100),
			new DocumentsProperties.UploadRate(120, Duration.ofMinutes(10)),
			new DocumentsProperties.StoringAtOnce(DataSize.ofKilobytes(3), Duration.ofMillis(50))));

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	@Test
	void filesThatDoNotFitBesideThoseBeingStoredAreRefusedUntilTheRoomIsGivenBack() throws Exception {
		MockMultipartHttpServletRequest first = upload(2048);
		MockMultipartHttpServletRequest second = upload(2048);

		assertThat(room.preHandle(first, response, null)).isTrue();
		assertThat(room.free()).isOne();
		assertThatThrownBy(() -> room.preHandle(second, response, null)).isInstanceOf(UploadRoomFull.class)
			.satisfies(refusal -> assertThat(((UploadRoomFull) refusal).retryAfter()).contains(Duration.ofSeconds(5)));

		room.afterCompletion(first, response, null, null);
		assertThat(room.free()).isEqualTo(3);
		assertThat(room.preHandle(second, response, null)).isTrue();
		room.afterCompletion(second, response, null, null);
		assertThat(room.free()).isEqualTo(3);
	}

	@Test
	void aSmallFileFitsBesideALargeOneAndAFileLargerThanTheRoomTakesAllOfIt() throws Exception {
		MockMultipartHttpServletRequest large = upload(2048);
		MockMultipartHttpServletRequest small = upload(100);
		room.preHandle(large, response, null);
		assertThat(room.preHandle(small, response, null)).isTrue();
		assertThat(room.free()).isZero();
		room.afterCompletion(small, response, null, null);
		room.afterCompletion(large, response, null, null);

		MockMultipartHttpServletRequest huge = upload(10_000);
		assertThat(room.preHandle(huge, response, null)).as("alone, it may use the whole room").isTrue();
		assertThat(room.free()).isZero();
		room.afterCompletion(huge, response, null, null);
		assertThat(room.free()).isEqualTo(3);
	}

	@Test
	void aRefusedUploadGivesBackNoRoomItNeverTook() throws Exception {
		MockMultipartHttpServletRequest holder = upload(3072);
		MockMultipartHttpServletRequest refused = upload(1);
		room.preHandle(holder, response, null);
		assertThatThrownBy(() -> room.preHandle(refused, response, null)).isInstanceOf(UploadRoomFull.class);

		room.afterCompletion(refused, response, null, null);
		assertThat(room.free()).as("the holder's room is still taken").isZero();
		room.afterCompletion(holder, response, null, null);
		assertThat(room.free()).isEqualTo(3);
	}

	@Test
	void requestsWithoutFilesAndErrorDispatchesTakeNoRoom() throws Exception {
		MockMultipartHttpServletRequest holder = upload(3072);
		room.preHandle(holder, response, null);

		assertThat(room.preHandle(new MockHttpServletRequest("POST", "/api/v1/tasks/x/complete"), response, null))
			.isTrue();
		MockMultipartHttpServletRequest noFile = new MockMultipartHttpServletRequest();
		noFile.addParameter("type", "TRUST_DEED");
		assertThat(room.preHandle(noFile, response, null)).isTrue();
		MockMultipartHttpServletRequest errorPage = upload(10);
		errorPage.setDispatcherType(DispatcherType.ERROR);
		assertThat(room.preHandle(errorPage, response, null)).isTrue();
		room.afterCompletion(holder, response, null, null);
		assertThat(room.free()).isEqualTo(3);
	}

	private static MockMultipartHttpServletRequest upload(int bytes) {
		MockMultipartHttpServletRequest request = new MockMultipartHttpServletRequest();
		request.addFile(new MockMultipartFile("file", "deed.pdf", "application/pdf", new byte[bytes]));
		return request;
	}

}
