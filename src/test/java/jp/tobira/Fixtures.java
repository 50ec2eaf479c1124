package jp.tobira;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Test material: the canonical application of examples/ and small real files of each
 * accepted type.
 */
public final class Fixtures {

	public static final Path EXAMPLE = Path.of("examples/application.json");

	public static final ObjectMapper JSON = JsonMapper.builder()
		.addModule(new JavaTimeModule())
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	/**
	 * A home jurisdiction the tests that approve a case judge equivalent, as the legal
	 * gates require at the decision; no test judges it otherwise. The canonical
	 * application's United States stays unjudged (under assessment), as the tests of the
	 * pre-screen's flags expect.
	 */
	public static final String EQUIVALENT_HOME = "CH";

	/**
	 * The determination the tests name when they judge a jurisdiction definitively, as
	 * the table requires: a day before any day the tests set the clock to.
	 */
	public static final java.time.LocalDate DETERMINED_ON = java.time.LocalDate.of(2026, 1, 5);

	public static final String DETERMINATION = "FSA determination 2026-0001";

	private Fixtures() {
	}

	/**
	 * The canonical application, as text: the same file the README's curl walk-through
	 * and the demo data use.
	 */
	public static String exampleJson() {
		try {
			return Files.readString(EXAMPLE, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The canonical application is expected at " + EXAMPLE.toAbsolutePath(), ex);
		}
	}

	/** The canonical application, its issuer's home jurisdiction changed. */
	public static String exampleJsonFrom(String jurisdiction) {
		ObjectNode example = example();
		((ObjectNode) example.get("issuer")).put("jurisdiction", jurisdiction);
		return example.toString();
	}

	public static ObjectNode example() {
		try {
			return (ObjectNode) JSON.readTree(exampleJson());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Writes content to a temporary file, for a browser's file input. */
	public static Path writeTemp(String name, byte[] content) {
		try {
			Path directory = Files.createTempDirectory("tobira-upload");
			return Files.write(directory.resolve(name), content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A small, valid one-page PDF whose text makes its bytes (and so its SHA-256) unique.
	 */
	public static byte[] pdf(String text) {
		String stream = "BT /F1 12 Tf 72 720 Td (" + text.replace("(", "").replace(")", "") + ") Tj ET";
		String[] objects = { "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
				"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
				"<< /Length " + stream.length() + " >>\nstream\n" + stream + "\nendstream",
				"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>" };
		StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
		int[] offsets = new int[objects.length];
		for (int i = 0; i < objects.length; i++) {
			offsets[i] = pdf.length();
			pdf.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
		}
		int xref = pdf.length();
		pdf.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
		for (int offset : offsets) {
			pdf.append("%010d 00000 n \n".formatted(offset));
		}
		pdf.append("trailer\n<< /Size ")
			.append(objects.length + 1)
			.append(" /Root 1 0 R >>\nstartxref\n")
			.append(xref)
			.append("\n%%EOF\n");
		return pdf.toString().getBytes(StandardCharsets.ISO_8859_1);
	}

	/**
	 * The eight-byte PNG signature and a minimal IHDR: enough for any magic-byte
	 * detector.
	 */
	public static byte[] png() {
		return new byte[] { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R', 0, 0,
				0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1F, 0x15, (byte) 0xC4, (byte) 0x89 };
	}

	/**
	 * The skeleton of an XLSX package: a ZIP with the parts that make it a spreadsheet.
	 */
	public static byte[] xlsx() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
			zip.write(
					"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"
						.getBytes(StandardCharsets.UTF_8));
			zip.putNextEntry(new ZipEntry("xl/workbook.xml"));
			zip.write("<?xml version=\"1.0\"?><workbook/>".getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	public static byte[] plainZip() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			zip.putNextEntry(new ZipEntry("readme.txt"));
			zip.write("not a workbook".getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	/**
	 * A monthly reserve report of 1,000,000,000 outstanding as of the month's last day,
	 * attested that day: cash with two custodians and the rest in a bill maturing two
	 * months on. Reserves of "1050000000.00" cover the supply; "900000000.00" is flagged
	 * {@code UNDER_BACKED}.
	 */
	public static String reserveReport(java.time.YearMonth month, String reserves, String bills) {
		java.time.LocalDate asOf = month.atEndOfMonth();
		java.math.BigDecimal half = new java.math.BigDecimal(reserves).subtract(new java.math.BigDecimal(bills))
			.divide(java.math.BigDecimal.valueOf(2));
		return """
				{"asOf": "%1$s", "outstandingSupply": "1000000000.00",
				 "reserves": {"asOf": "%1$s", "assets": [
				   {"assetClass": "CASH", "amount": "%2$s", "currency": "USD", "custodian": "Custody Bank A"},
				   {"assetClass": "DEMAND_DEPOSIT", "amount": "%2$s", "currency": "USD", "custodian": "Deposit Bank B"},
				   {"assetClass": "GOVERNMENT_BILL", "amount": "%3$s", "currency": "USD",
				    "custodian": "Safekeeping C", "maturity": "%4$s"}]},
				 "attestationDate": "%1$s",
				 "redemptions": {"count": 12, "amount": "25000000.00", "longestBusinessDays": 2}}
				""".formatted(asOf, half.toPlainString(), bills, asOf.plusDays(60));
	}

	/** {@link #reserveReport} whose reserves cover the supply: no flags. */
	public static String cleanReserveReport(java.time.YearMonth month) {
		return reserveReport(month, "1050000000.00", "350000000.00");
	}

	/**
	 * {@link #reserveReport} whose reserves cover 90% of the supply:
	 * {@code UNDER_BACKED}.
	 */
	public static String underBackedReserveReport(java.time.YearMonth month) {
		return reserveReport(month, "900000000.00", "300000000.00");
	}

}
