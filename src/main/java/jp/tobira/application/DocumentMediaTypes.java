package jp.tobira.application;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import org.apache.tika.Tika;
import org.springframework.stereotype.Component;

import jp.tobira.validation.InvalidInput;

/**
 * Decides a document's media type from its content, never from what the upload claims,
 * and refuses a file whose content is not the type its name (or its declared content
 * type) claims. Tika reads the magic bytes; an XLSX is a ZIP to any magic-byte detector,
 * so its workbook part is looked for as well, by an {@link ArchiveInspector} that refuses
 * an archive bomb before it is unpacked.
 */
@Component
class DocumentMediaTypes {

	static final String PDF = "application/pdf";

	static final String PNG = "image/png";

	static final String JPEG = "image/jpeg";

	static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	static final String CSV = "text/csv";

	private static final Map<String, String> NAMES = Map.of(PDF, "PDF", PNG, "PNG", JPEG, "JPEG", XLSX, "XLSX", CSV,
			"CSV");

	private static final Set<String> GENERIC_DECLARATIONS = Set.of("application/octet-stream", "binary/octet-stream",
			"application/x-download", "");

	private final Tika tika = new Tika();

	private final ArchiveInspector archives;

	DocumentMediaTypes(ArchiveInspector archives) {
		this.archives = archives;
	}

	/**
	 * @param fileName the uploaded file's name
	 * @param declaredType the multipart part's content type, if any
	 * @return the media type to store
	 */
	String verify(byte[] content, String fileName, String declaredType) {
		String claimed = tika.detect(fileName);
		if (!NAMES.containsKey(claimed)) {
			throw InvalidInput.of("file", "problem.notAcceptedKind", fileName);
		}
		String declared = declaredType == null ? "" : declaredType.split(";")[0].trim().toLowerCase();
		if (!GENERIC_DECLARATIONS.contains(declared) && NAMES.containsKey(declared) && !declared.equals(claimed)) {
			throw InvalidInput.of("file", "problem.declaredMismatch", NAMES.get(declared), NAMES.get(claimed));
		}
		if (!contentIs(claimed, content)) {
			throw InvalidInput.of("file", "problem.contentMismatch", fileName, NAMES.get(claimed),
					tika.detect(content));
		}
		return claimed;
	}

	private boolean contentIs(String claimed, byte[] content) {
		String magic = tika.detect(content);
		return switch (claimed) {
			case PDF, PNG, JPEG -> magic.equals(claimed);
			case XLSX -> isZip(magic) && hasWorkbookPart(content);
			case CSV -> (magic.equals("text/plain") || magic.equals(CSV)) && isUtf8Text(content);
			default -> false;
		};
	}

	private static boolean isZip(String magic) {
		return magic.equals("application/zip") || magic.equals("application/x-tika-ooxml") || magic.equals(XLSX);
	}

	/**
	 * Reading the entries' names means inflating every entry before it (a ZIP is read as
	 * a stream), so it is done within the archive limits.
	 */
	private boolean hasWorkbookPart(byte[] content) {
		return archives.entryNames(content)
			.map(names -> names.contains("[Content_Types].xml") && names.contains("xl/workbook.xml"))
			.orElse(false);
	}

	private static boolean isUtf8Text(byte[] content) {
		for (byte b : content) {
			if (b == 0) {
				return false;
			}
		}
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(content));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

}
