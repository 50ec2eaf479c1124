package jp.tobira.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import jp.tobira.Fixtures;
import jp.tobira.validation.InvalidInput;

class ArchiveInspectorTests {

	/** The defaults of {@code tobira.documents.archive}. */
	static final DocumentsProperties.Archive DEFAULTS = new DocumentsProperties.Archive(1000, DataSize.ofMegabytes(100),
			100);

	final ArchiveInspector inspector = new ArchiveInspector(DEFAULTS);

	@Test
	void namesTheEntriesOfAnOrdinaryWorkbook() {
		assertThat(inspector.entryNames(Fixtures.xlsx())).hasValueSatisfying(
				names -> assertThat(names).containsExactlyInAnyOrder("[Content_Types].xml", "xl/workbook.xml"));
	}

	@Test
	void saysNothingOfWhatIsNotAZip() {
		assertThat(inspector.entryNames(Fixtures.pdf("not a zip")))
			.hasValueSatisfying(names -> assertThat(names).isEmpty());
		byte[] truncated = java.util.Arrays.copyOf(Fixtures.xlsx(), 60);
		assertThat(inspector.entryNames(truncated)).isEmpty();
	}

	@Test
	void refusesAnEntryCompressedFarBeyondTheRatioBeforeUnpackingIt() throws IOException {
		// 64 MB of zeros: under the unpacked limit, so only the ratio stops it
		byte[] bomb = zip(Deflater.BEST_COMPRESSION, "xl/workbook.xml", new byte[64 * 1024 * 1024]);
		long start = System.nanoTime();
		assertThatThrownBy(() -> inspector.entryNames(bomb)).isInstanceOf(InvalidInput.class)
			.hasMessageContaining("file: has a part that unpacks to more than 100 times");
		System.out.println("ratio refusal after " + (System.nanoTime() - start) / 1_000_000 + " ms");
	}

	@Test
	void refusesAnArchiveThatUnpacksBeyondTheLimitWhateverItsEntriesDeclare() throws IOException {
		ArchiveInspector small = new ArchiveInspector(
				new DocumentsProperties.Archive(1000, DataSize.ofMegabytes(1), 100));
		// incompressible, so the ratio says nothing; 2 MB unpacked
		byte[] noise = new byte[2 * 1024 * 1024];
		new Random(11).nextBytes(noise);
		byte[] archive = zip(Deflater.DEFAULT_COMPRESSION, "xl/media/noise.bin", noise);
		assertThatThrownBy(() -> small.entryNames(archive)).isInstanceOf(InvalidInput.class)
			.hasMessageContaining("unpacks to more than 1 MB");
		// what the local header declares is not believed: a size of 1 byte changes
		// nothing
		byte[] lying = archive.clone();
		int sizes = 18;
		for (int i = sizes; i < sizes + 8; i++) {
			lying[i] = 0;
		}
		lying[sizes] = 1;
		lying[sizes + 4] = 1;
		assertThatThrownBy(() -> small.entryNames(lying)).isInstanceOf(InvalidInput.class)
			.hasMessageContaining("unpacks to more than 1 MB");
	}

	@Test
	void refusesMoreEntriesThanTheLimit() throws IOException {
		ArchiveInspector few = new ArchiveInspector(new DocumentsProperties.Archive(3, DataSize.ofMegabytes(100), 100));
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			for (int i = 0; i < 4; i++) {
				zip.putNextEntry(new ZipEntry("part" + i + ".xml"));
				zip.write("<x/>".getBytes(StandardCharsets.UTF_8));
				zip.closeEntry();
			}
		}
		assertThatThrownBy(() -> few.entryNames(bytes.toByteArray())).isInstanceOf(InvalidInput.class)
			.hasMessageContaining("more than 3 entries");
		assertThat(new ArchiveInspector(new DocumentsProperties.Archive(4, DataSize.ofMegabytes(100), 100))
			.entryNames(bytes.toByteArray())).hasValueSatisfying(names -> assertThat(names).hasSize(4));
	}

	@Test
	void acceptsAPartThatCompressesWellButWithinTheRatio() throws IOException {
		// text that shrinks about tenfold, over the ratio's grace size
		StringBuilder rows = new StringBuilder();
		Random random = new Random(3);
		while (rows.length() < 3 * 1024 * 1024) {
			rows.append("<row r=\"")
				.append(rows.length())
				.append("\"><c><v>")
				.append(random.nextInt(1_000_000))
				.append("</v></c></row>");
		}
		byte[] archive = zip(Deflater.BEST_COMPRESSION, "xl/worksheets/sheet1.xml",
				rows.toString().getBytes(StandardCharsets.UTF_8));
		assertThat(inspector.entryNames(archive)).hasValueSatisfying(names -> assertThat(names).hasSize(1));
	}

	private static byte[] zip(int level, String name, byte[] content) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			zip.setLevel(level);
			zip.putNextEntry(new ZipEntry(name));
			zip.write(content);
			zip.closeEntry();
		}
		return bytes.toByteArray();
	}

}
