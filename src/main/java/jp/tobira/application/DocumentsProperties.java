package jp.tobira.application;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What one upload, one application and one issuer organisation may bring (issue 11: each
 * bounded, so no upload can cost the server unbounded time or space).
 *
 * @param maxSize the largest document accepted (ARCHITECTURE.md §9: 25 MB by default)
 * @param maxPerApplication the most documents (every version counts) one application
 * holds
 * @param maxBytesPerApplication the most bytes of documents one application holds
 * @param archive how far a ZIP-based upload (an XLSX) is unpacked to inspect it
 * @param uploadRate how many uploads one issuer organisation makes in a window
 */
@ConfigurationProperties("tobira.documents")
public record DocumentsProperties(@DefaultValue("25MB") DataSize maxSize, @DefaultValue("50") int maxPerApplication,
		@DefaultValue("250MB") DataSize maxBytesPerApplication, @DefaultValue Archive archive,
		@DefaultValue UploadRate uploadRate, @DefaultValue StoringAtOnce storingAtOnce) {

	public DocumentsProperties {
		if (maxPerApplication < 1 || maxBytesPerApplication.toBytes() < 1) {
			throw new IllegalArgumentException(
					"tobira.documents: max-per-application and max-bytes-per-application must be positive");
		}
	}

	/**
	 * @param maxEntries the most entries an archive may have
	 * @param maxUncompressedSize the most bytes all its entries may unpack to
	 * @param maxCompressionRatio the most an entry may unpack to, as a multiple of its
	 * compressed bytes
	 */
	public record Archive(@DefaultValue("1000") int maxEntries, @DefaultValue("100MB") DataSize maxUncompressedSize,
			@DefaultValue("100") int maxCompressionRatio) {

		public Archive {
			if (maxEntries < 1 || maxUncompressedSize.toBytes() < 1 || maxCompressionRatio < 1) {
				throw new IllegalArgumentException("tobira.documents.archive: every limit must be positive");
			}
		}

	}

	/**
	 * @param limit the most uploads (accepted or refused) an issuer organisation makes in
	 * one window
	 * @param window the window's length; a new one starts with the first upload after it
	 */
	public record UploadRate(@DefaultValue("120") int limit, @DefaultValue("PT10M") Duration window) {

		public UploadRate {
			if (limit < 1 || window.isNegative() || window.isZero()) {
				throw new IllegalArgumentException("tobira.documents.upload-rate: limit and window must be positive");
			}
		}

	}

	/**
	 * How much of uploaded files one node holds at the same time: each document is held
	 * in memory whole while it is checked and stored, so the heap (jvm.options) bounds
	 * how many of the largest fit at once; small ones barely count. A request whose files
	 * do not fit beside those being stored waits and, after {@code maxWait}, is refused
	 * with 429 and {@code Retry-After} instead of running the node out of memory.
	 *
	 * @param bytes the most bytes of files being stored at once on one node (a request
	 * with more than this takes the whole of it)
	 * @param maxWait how long a request waits for room
	 */
	public record StoringAtOnce(@DefaultValue("50MB") DataSize bytes, @DefaultValue("PT10S") Duration maxWait) {

		public StoringAtOnce {
			if (bytes.toKilobytes() < 1 || maxWait.isNegative()) {
				throw new IllegalArgumentException(
						"tobira.documents.storing-at-once: bytes must be at least 1KB and max-wait not negative");
			}
		}

	}

}
