package jp.tobira.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import jp.tobira.Fixtures;
import jp.tobira.validation.InvalidInput;

class DocumentMediaTypesTests {

	final DocumentMediaTypes mediaTypes = new DocumentMediaTypes(new ArchiveInspector(ArchiveInspectorTests.DEFAULTS));

	@Test
	void takesEachAcceptedTypeFromItsContent() {
		assertThat(mediaTypes.verify(Fixtures.pdf("x"), "deed.pdf", "application/pdf")).isEqualTo("application/pdf");
		assertThat(mediaTypes.verify(Fixtures.png(), "chart.PNG", null)).isEqualTo("image/png");
		assertThat(mediaTypes.verify(jpeg(), "photo.jpg", "image/jpeg")).isEqualTo("image/jpeg");
		assertThat(mediaTypes.verify(Fixtures.xlsx(), "reserves.xlsx", "application/octet-stream"))
			.isEqualTo(DocumentMediaTypes.XLSX);
		assertThat(mediaTypes.verify("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8), "r.csv", "text/csv"))
			.isEqualTo("text/csv");
	}

	@Test
	void refusesContentThatIsNotWhatTheNameClaims() {
		assertThatThrownBy(() -> mediaTypes.verify(Fixtures.png(), "deed.pdf", null)).isInstanceOf(InvalidInput.class)
			.hasMessageContaining("is not PDF");
		assertThatThrownBy(() -> mediaTypes.verify(Fixtures.pdf("x"), "photo.jpg", null))
			.isInstanceOf(InvalidInput.class);
		assertThatThrownBy(() -> mediaTypes.verify(Fixtures.plainZip(), "book.xlsx", null))
			.isInstanceOf(InvalidInput.class);
		assertThatThrownBy(() -> mediaTypes.verify(new byte[] { 'a', 0, 'b' }, "data.csv", null))
			.isInstanceOf(InvalidInput.class);
		assertThatThrownBy(() -> mediaTypes.verify(new byte[] { 'a', (byte) 0xC3, '(' }, "data.csv", null))
			.as("invalid UTF-8")
			.isInstanceOf(InvalidInput.class);
	}

	@Test
	void refusesADeclaredTypeThatContradictsTheName() {
		assertThatThrownBy(() -> mediaTypes.verify(Fixtures.pdf("x"), "deed.pdf", "image/png"))
			.isInstanceOf(InvalidInput.class)
			.hasMessageContaining("declares PNG");
	}

	@Test
	void refusesKindsOfFileThatAreNotAccepted() {
		assertThatThrownBy(() -> mediaTypes.verify(Fixtures.pdf("x"), "deed.docx", null))
			.isInstanceOf(InvalidInput.class)
			.hasMessageContaining("not an accepted kind of file");
		assertThatThrownBy(() -> mediaTypes.verify(Fixtures.pdf("x"), "no-extension", null))
			.isInstanceOf(InvalidInput.class);
	}

	private static byte[] jpeg() {
		return new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0, 1, 1, 0,
				0, 1, 0, 1, 0, 0, (byte) 0xFF, (byte) 0xD9 };
	}

}
