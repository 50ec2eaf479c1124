package jp.tobira.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.lowagie.text.pdf.PdfDictionary;
import com.lowagie.text.pdf.PdfName;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

import jp.tobira.Fixtures;
import jp.tobira.TobiraIntegrationTest;
import jp.tobira.api.ApiClient;
import jp.tobira.cooperation.EquivalenceStatus;
import jp.tobira.cooperation.Jurisdictions;

/**
 * The decision letter the issuer downloads ({@code GET
 * /api/v1/applications/{id}/letter}), in English and Japanese, as HTML and PDF: it names
 * the case, carries the SHA-256 of the decision record (recomputed here from the record's
 * canonical form) and gives the conditions and the reasons the decision-maker wrote.
 */
@TobiraIntegrationTest
class DecisionLettersIntegrationTests {

	static final String CONDITIONS = "Monthly reserve attestations to the supervisor.";

	static final String WHY_CONDITIONS = "The home framework is still under assessment.";

	static final String WHY_REJECTED = "Redemption within two days is not shown by the policy submitted.";

	@Autowired
	TestRestTemplate rest;

	@Autowired
	Jurisdictions jurisdictions;

	/** An approval passes the legal gates only from a framework judged equivalent. */
	@BeforeEach
	void judgeTheHomeFrameworkEquivalent() {
		jurisdictions.set("admin", Fixtures.EQUIVALENT_HOME, "Switzerland", EquivalenceStatus.EQUIVALENT,
				Fixtures.DETERMINED_ON, Fixtures.DETERMINATION, "test");
	}

	@Test
	void givesTheConditionsAndTheReasonsOfAnApprovalWithConditionsInBothLanguages() throws Exception {
		ApiClient issuer = new ApiClient(rest, "issuer");
		ApiClient.Case decided = decidedCase(issuer, "{\"decision\": \"APPROVE_WITH_CONDITIONS\", \"conditions\": \""
				+ CONDITIONS + "\", \"reasons\": \"" + WHY_CONDITIONS + "\"}");
		String sha256 = recordSha256(issuer, decided);

		String en = html(issuer, decided, "en");
		assertThat(en).contains(decided.reference(), sha256, "Conditions", CONDITIONS, "Reasons", WHY_CONDITIONS,
				"with conditions");
		String ja = html(issuer, decided, "ja");
		assertThat(ja).contains("決定通知書", decided.reference(), sha256, "条件", CONDITIONS, "理由", WHY_CONDITIONS);

		String pdfText = pdfText(issuer, decided, "en");
		assertThat(pdfText).contains(decided.reference(), CONDITIONS, WHY_CONDITIONS);
		assertThat(pdfText.replaceAll("\\s", "")).contains(sha256);
		assertJapanesePdf(issuer, decided);
	}

	@Test
	void givesTheReasonsOfARejectionInBothLanguages() throws Exception {
		ApiClient issuer = new ApiClient(rest, "issuer");
		ApiClient.Case decided = decidedCase(issuer,
				"{\"decision\": \"REJECT\", \"reasons\": \"" + WHY_REJECTED + "\"}");
		String sha256 = recordSha256(issuer, decided);

		assertThat(html(issuer, decided, "en"))
			.contains(decided.reference(), sha256, "Reasons", WHY_REJECTED, "Not recognised")
			.doesNotContain("Conditions");
		assertThat(html(issuer, decided, "ja")).contains(decided.reference(), sha256, "理由", WHY_REJECTED, "認定しない");

		String pdfText = pdfText(issuer, decided, "en");
		assertThat(pdfText).contains(decided.reference(), WHY_REJECTED, "Not recognised");
		assertThat(pdfText.replaceAll("\\s", "")).contains(sha256);
		assertJapanesePdf(issuer, decided);
	}

	@Test
	void hidesTheLetterFromAnotherIssuer() {
		ApiClient issuer = new ApiClient(rest, "issuer");
		ApiClient.Case decided = decidedCase(issuer,
				"{\"decision\": \"REJECT\", \"reasons\": \"" + WHY_REJECTED + "\"}");
		ApiClient other = new ApiClient(rest, "issuer2");
		for (String query : List.of("lang=en&format=pdf", "lang=ja&format=pdf", "lang=en&format=html",
				"lang=ja&format=html")) {
			ApiClient.Response refused = other.get(letterPath(decided) + "?" + query);
			assertThat(refused.status()).as(query + ": " + refused).isEqualTo(404);
			assertThat(refused.body()).doesNotContain(decided.reference()).doesNotContain(WHY_REJECTED);
		}
	}

	/**
	 * The canonical application through every step by the users whose job it is, decided
	 * by someone uninvolved.
	 */
	private ApiClient.Case decidedCase(ApiClient issuer, String decision) {
		ApiClient intake = new ApiClient(rest, "intake");
		ApiClient backing = new ApiClient(rest, "backing");
		ApiClient cooperation = new ApiClient(rest, "cooperation");
		ApiClient decider = new ApiClient(rest, "decision");
		ApiClient.Case submitted = issuer.submitCanonicalFrom(Fixtures.EQUIVALENT_HOME);
		String reference = submitted.reference();
		expectOk(intake.complete(intake.taskId(reference, "checkCompleteness"), "{\"complete\": true}"));
		expectOk(backing.complete(backing.taskId(reference, "reviewBacking"), "{\"outcome\": \"SATISFACTORY\"}"));
		expectOk(cooperation.complete(cooperation.taskId(reference, "requestHomeConfirmation"), "{\"sent\": true}"));
		expectOk(cooperation.complete(cooperation.taskId(reference, "recordHomeReply"),
				"{\"confirmed\": true, \"arrangement\": \"MOU\", \"reference\": \"NYDFS-JFSA-MOU-2026\"}"));
		expectOk(decider.complete(decider.taskId(reference, "decide"), decision));
		return submitted;
	}

	/**
	 * The hash the issuer is given, checked to be the SHA-256 of the record's canonical
	 * form.
	 */
	private static String recordSha256(ApiClient issuer, ApiClient.Case decided) throws Exception {
		JsonNode record = issuer.get("/api/v1/applications/" + decided.id() + "/decision").json();
		String sha256 = record.get("recordSha256").asText();
		String canonical = Decisions.canonical(decided.reference(), Outcome.valueOf(record.get("outcome").asText()),
				text(record, "reasons"), text(record, "conditions"), text(record, "recommendation"),
				record.get("decidedBy").asText(), Instant.parse(record.get("decidedAt").asText()));
		assertThat(sha256).matches("[0-9a-f]{64}")
			.isEqualTo(java.util.HexFormat.of()
				.formatHex(java.security.MessageDigest.getInstance("SHA-256")
					.digest(canonical.getBytes(StandardCharsets.UTF_8))));
		return sha256;
	}

	private static String text(JsonNode record, String field) {
		return record.path(field).asText(null);
	}

	private static String html(ApiClient issuer, ApiClient.Case decided, String lang) {
		ApiClient.Response letter = issuer.get(letterPath(decided) + "?lang=" + lang + "&format=html");
		assertThat(letter.status()).as(letter.toString()).isEqualTo(200);
		assertThat(letter.headers().getContentType()).hasToString("text/html;charset=UTF-8");
		return letter.body();
	}

	private static byte[] pdf(ApiClient issuer, ApiClient.Case decided, String lang) {
		ResponseEntity<byte[]> letter = issuer.getBytes(letterPath(decided) + "?lang=" + lang + "&format=pdf");
		assertThat(letter.getStatusCode().value()).isEqualTo(200);
		assertThat(letter.getHeaders().getContentType()).hasToString("application/pdf");
		assertThat(new String(letter.getBody(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
		return letter.getBody();
	}

	private static String pdfText(ApiClient issuer, ApiClient.Case decided, String lang) throws Exception {
		try (PdfReader reader = new PdfReader(pdf(issuer, decided, lang))) {
			StringBuilder text = new StringBuilder();
			PdfTextExtractor extractor = new PdfTextExtractor(reader);
			for (int page = 1; page <= reader.getNumberOfPages(); page++) {
				text.append(extractor.getTextFromPage(page)).append('\n');
			}
			return text.toString();
		}
	}

	/**
	 * A Japanese PDF: its title is Japanese, its Latin text (the reference) is
	 * extractable, and its pages set text in the Adobe-Japan1 font a reader substitutes
	 * with a Japanese one.
	 */
	private static void assertJapanesePdf(ApiClient issuer, ApiClient.Case decided) throws Exception {
		try (PdfReader reader = new PdfReader(pdf(issuer, decided, "ja"))) {
			assertThat(reader.getInfo().get("Title")).contains("決定通知書", decided.reference());
			assertThat(new PdfTextExtractor(reader).getTextFromPage(1)).contains(decided.reference());
			List<String> fonts = new ArrayList<>();
			for (int page = 1; page <= reader.getNumberOfPages(); page++) {
				PdfDictionary resources = reader.getPageN(page).getAsDict(PdfName.RESOURCES);
				PdfDictionary pageFonts = resources.getAsDict(PdfName.FONT);
				for (PdfName key : pageFonts.getKeys()) {
					fonts.add(PdfName.decodeName(pageFonts.getAsDict(key).getAsName(PdfName.BASEFONT).toString()));
				}
			}
			assertThat(fonts).anySatisfy(font -> assertThat(font).contains("HeiseiKakuGo"));
		}
	}

	private static String letterPath(ApiClient.Case decided) {
		return "/api/v1/applications/" + decided.id() + "/letter";
	}

	private static void expectOk(ApiClient.Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
	}

}
