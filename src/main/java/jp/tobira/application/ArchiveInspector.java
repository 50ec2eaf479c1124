package jp.tobira.application;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import jp.tobira.validation.InvalidInput;

/**
 * Reads a ZIP upload (an XLSX) entry by entry while counting, and stops at the first
 * limit it crosses: more entries than allowed, more bytes unpacked than allowed, or a
 * part that unpacks to more than the allowed multiple of what it takes in the upload.
 * Only the bytes actually inflated count; the sizes an entry declares (in its local
 * header or the central directory) are whatever the sender wrote and are never believed.
 * So an archive bomb costs the server at most the unpacked-size limit of inflation, and
 * usually a few kilobytes before the ratio gives it away.
 *
 * <p>
 * The JDK's {@link ZipInputStream} over a counting stream rather than Commons Compress:
 * the stream already yields each entry's inflated bytes as they come and the counting
 * stream says how many compressed bytes that took, which is all the limits need; one more
 * library parsing untrusted archives would be one more to keep patched.
 */
@Component
class ArchiveInspector {

	/**
	 * Below this many unpacked bytes a part's compression ratio says nothing (a short,
	 * repetitive XML part may well shrink a hundredfold) and costs nothing to inflate;
	 * beyond it, the unpacked-size limit still bounds what many small parts add up to.
	 */
	static final long RATIO_GRACE_BYTES = 1024 * 1024;

	private final DocumentsProperties.Archive limits;

	@Autowired
	ArchiveInspector(DocumentsProperties properties) {
		this(properties.archive());
	}

	ArchiveInspector(DocumentsProperties.Archive limits) {
		this.limits = limits;
	}

	/**
	 * The names of the archive's entries, read within the limits.
	 * @return empty if the content is not a readable ZIP archive
	 * @throws InvalidInput naming {@code file} when the archive crosses a limit
	 */
	Optional<Set<String>> entryNames(byte[] content) {
		CountingInputStream raw = new CountingInputStream(new ByteArrayInputStream(content));
		long maxUnpacked = limits.maxUncompressedSize().toBytes();
		long ratio = limits.maxCompressionRatio();
		Set<String> names = new HashSet<>();
		byte[] buffer = new byte[64 * 1024];
		long unpacked = 0;
		int entries = 0;
		try (ZipInputStream zip = new ZipInputStream(raw)) {
			for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				if (++entries > limits.maxEntries()) {
					throw InvalidInput.of("file", "problem.archiveTooManyEntries", limits.maxEntries());
				}
				names.add(entry.getName());
				// the compressed bytes read so far, less what the stream buffered ahead
				// of
				// this entry's data (at most its 512-byte buffer), are what the part took
				long compressedAtStart = raw.count();
				long entryUnpacked = 0;
				for (int read = zip.read(buffer); read > 0; read = zip.read(buffer)) {
					entryUnpacked += read;
					unpacked += read;
					if (unpacked > maxUnpacked) {
						throw InvalidInput.of("file", "problem.archiveTooLarge",
								limits.maxUncompressedSize().toMegabytes());
					}
					long compressed = Math.max(1, raw.count() - compressedAtStart);
					if (entryUnpacked > RATIO_GRACE_BYTES && entryUnpacked / compressed > ratio) {
						throw InvalidInput.of("file", "problem.archiveCompressionRatio", ratio);
					}
				}
			}
		}
		catch (IOException | IllegalArgumentException ex) {
			// a damaged archive, or entry names that are not text: not a readable ZIP
			return Optional.empty();
		}
		return Optional.of(Set.copyOf(names));
	}

	/** Counts the bytes read through it: the compressed side of the ratio. */
	private static final class CountingInputStream extends FilterInputStream {

		private long count;

		CountingInputStream(InputStream in) {
			super(in);
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			if (b >= 0) {
				count++;
			}
			return b;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			int n = super.read(b, off, len);
			if (n > 0) {
				count += n;
			}
			return n;
		}

		@Override
		public long skip(long n) throws IOException {
			long skipped = super.skip(n);
			count += skipped;
			return skipped;
		}

		long count() {
			return count;
		}

	}

}
