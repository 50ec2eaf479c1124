package jp.tobira.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.tobira.Fixtures;
import jp.tobira.TobiraIntegrationTest;

/**
 * Issue 11, uploads bounded: an archive bomb, an archive of too many entries, the
 * documents and bytes one application may hold, and the uploads an issuer organisation
 * may make in a window, each refused with a 4xx naming {@code file} and nothing stored.
 * The limits of the shared test context are set low in {@code config/application.yml}
 * (documents and bytes per application); the rate limit is set high there so the other
 * tests never meet it, and this test brings one organisation to it by writing its
 * counter, the state every node shares.
 */
@TobiraIntegrationTest
class UploadLimitsIntegrationTests {

	/** As set for the tests in config/application.yml. */
	static final int MAX_DOCUMENTS = 16;

	static final int MAX_MEGABYTES = 16;

	static final int RATE_LIMIT = 100_000;

	@Autowired
	TestRestTemplate rest;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	ApiClient issuer;

	@BeforeEach
	void issuer() {
		issuer = new ApiClient(rest, "issuer");
	}

	@AfterEach
	void forgetTheSecondIssuersUploads() {
		// the rate test writes the second issuer's counter; no other test should meet it
		jdbc.sql("DELETE FROM app.upload_rate WHERE organisation_id = ?").param(organisationOf("issuer2")).update();
	}

	@Test
	void refusesAnArchiveBombQuicklyStoringNothing() {
		byte[] bomb = bomb();
		assertThat(bomb.length).as("a few MB on the wire").isLessThan(16 * 1024 * 1024);
		String id = draft(issuer);
		long start = System.nanoTime();
		ApiClient.Response refused = assertRefusedWithoutTrace(
				() -> issuer.upload(id, "OTHER", "figures.xlsx", bomb, "application/octet-stream"), 400);
		long millis = (System.nanoTime() - start) / 1_000_000;
		System.out.println("An XLSX-shaped zip of " + bomb.length + " bytes whose entry inflates to 2 GiB refused in "
				+ millis + " ms: " + refused.json().get("detail").asText());

		assertThat(issuer.get("/actuator/health").json().get("status").asText()).isEqualTo("UP");
		assertThat(issuer.upload(id, "OTHER", "reserves.xlsx", Fixtures.xlsx(), "application/octet-stream").status())
			.as("a workbook is still accepted afterwards")
			.isEqualTo(201);
	}

	@Test
	void refusesAnArchiveOfTooManyEntries() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			workbookParts(zip);
			for (int i = 0; i < 1000; i++) {
				zip.putNextEntry(new ZipEntry("xl/media/image" + i + ".bin"));
				zip.closeEntry();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		String id = draft(issuer);
		ApiClient.Response refused = assertRefusedWithoutTrace(
				() -> issuer.upload(id, "OTHER", "many.xlsx", bytes.toByteArray(), "application/octet-stream"), 400);
		assertThat(refused.json().get("detail").asText()).contains("1,000");
	}

	@Test
	void refusesADocumentOverTheApplicationsDocumentQuota() {
		String id = draft(issuer);
		for (int i = 0; i < MAX_DOCUMENTS; i++) {
			assertThat(issuer
				.upload(id, "OTHER", "annex" + i + ".pdf", Fixtures.pdf("annex " + i + " " + id), "application/pdf")
				.status()).isEqualTo(201);
		}
		ApiClient.Response refused = assertRefusedWithoutTrace(
				() -> issuer.upload(id, "OTHER", "one-more.pdf", Fixtures.pdf("one more " + id), "application/pdf"),
				409);
		assertThat(refused.json().get("detail").asText()).contains(String.valueOf(MAX_DOCUMENTS));
	}

	@Test
	void refusesADocumentOverTheApplicationsByteQuota() {
		String id = draft(issuer);
		int megabyte = 1024 * 1024;
		// three PDFs of 6 MB: the third would take the application over 16 MB
		assertThat(issuer.upload(id, "OTHER", "a.pdf", padded("a " + id, 6 * megabyte), "application/pdf").status())
			.isEqualTo(201);
		assertThat(issuer.upload(id, "OTHER", "b.pdf", padded("b " + id, 6 * megabyte), "application/pdf").status())
			.isEqualTo(201);
		ApiClient.Response refused = assertRefusedWithoutTrace(
				() -> issuer.upload(id, "OTHER", "c.pdf", padded("c " + id, 6 * megabyte), "application/pdf"), 409);
		assertThat(refused.json().get("detail").asText()).contains(MAX_MEGABYTES + " MB");
		assertThat(issuer.upload(id, "OTHER", "small.pdf", Fixtures.pdf("small " + id), "application/pdf").status())
			.as("what still fits is accepted")
			.isEqualTo(201);
	}

	@Test
	void answersTooManyRequestsWithRetryAfterOnceTheOrganisationsUploadsReachTheLimit() {
		ApiClient issuer2 = new ApiClient(rest, "issuer2");
		String id = draft(issuer2);
		int limit = RATE_LIMIT;
		Duration window = Duration.ofMinutes(10);
		// as if every node together had taken all but one of the window's uploads a
		// minute ago
		seedCounter("issuer2", clock.instant().minus(Duration.ofMinutes(1)), limit - 1);
		assertThat(issuer2.upload(id, "OTHER", "last.pdf", Fixtures.pdf("last " + id), "application/pdf").status())
			.isEqualTo(201);

		ApiClient.Response refused = assertRefusedWithoutTrace(
				() -> issuer2.upload(id, "OTHER", "over.pdf", Fixtures.pdf("over " + id), "application/pdf"), 429);
		long retryAfter = Long.parseLong(refused.headers().getFirst(HttpHeaders.RETRY_AFTER));
		assertThat(retryAfter).isBetween(window.minusMinutes(1).toSeconds() - 60, window.toSeconds());
		assertThat(refused.json().get("detail").asText())
			.contains(String.format(java.util.Locale.ENGLISH, "%,d", limit));

		// the same organisation's window has passed: a new one starts
		seedCounter("issuer2", clock.instant().minus(window).minusSeconds(1), limit);
		assertThat(issuer2.upload(id, "OTHER", "later.pdf", Fixtures.pdf("later " + id), "application/pdf").status())
			.isEqualTo(201);
	}

	private void seedCounter(String username, java.time.Instant windowStart, int uploads) {
		jdbc.sql("""
				INSERT INTO app.upload_rate (organisation_id, window_started_at, uploads) VALUES (?, ?, ?)
				ON CONFLICT (organisation_id) DO UPDATE
				SET window_started_at = excluded.window_started_at, uploads = excluded.uploads
				""").params(organisationOf(username), Timestamp.from(windowStart), uploads).update();
	}

	private UUID organisationOf(String username) {
		return jdbc.sql("SELECT organisation_id FROM app.users WHERE username = ?")
			.param(username)
			.query(UUID.class)
			.single();
	}

	/**
	 * An XLSX-shaped zip whose workbook part inflates to 2 GiB of zeros: written through
	 * a ZipOutputStream from one repeated buffer at the fastest level, so making it takes
	 * about two seconds and it weighs about 9 MB.
	 */
	static byte[] bomb() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			zip.setLevel(Deflater.BEST_SPEED);
			zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
			zip.write("<?xml version=\"1.0\"?><Types/>".getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
			zip.putNextEntry(new ZipEntry("xl/workbook.xml"));
			byte[] zeros = new byte[1024 * 1024];
			for (int i = 0; i < 2048; i++) {
				zip.write(zeros);
			}
			zip.closeEntry();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	private static void workbookParts(ZipOutputStream zip) throws IOException {
		zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
		zip.write("<?xml version=\"1.0\"?><Types/>".getBytes(StandardCharsets.UTF_8));
		zip.putNextEntry(new ZipEntry("xl/workbook.xml"));
		zip.write("<?xml version=\"1.0\"?><workbook/>".getBytes(StandardCharsets.UTF_8));
		zip.closeEntry();
	}

	/**
	 * A PDF of the given size: its text makes it unique, trailing bytes make it large.
	 */
	private static byte[] padded(String text, int size) {
		byte[] pdf = Fixtures.pdf(text);
		byte[] padded = new byte[size];
		System.arraycopy(pdf, 0, padded, 0, pdf.length);
		return padded;
	}

	private String draft(ApiClient client) {
		return client.postJson("/api/v1/applications", Fixtures.exampleJson()).json().get("id").asText();
	}

	private ApiClient.Response assertRefusedWithoutTrace(Supplier<ApiClient.Response> call, int status) {
		long[] before = counts();
		ApiClient.Response response = call.get();
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.headers().getContentType()).hasToString("application/problem+json");
		assertThat(response.json().get("errors").findValuesAsText("field")).as(response.toString()).contains("file");
		assertThat(counts()).as("rows in application, document, audit_entry").isEqualTo(before);
		return response;
	}

	private long[] counts() {
		return new long[] { count("app.application"), count("app.document"), count("app.audit_entry") };
	}

	private long count(String table) {
		return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
	}

}
