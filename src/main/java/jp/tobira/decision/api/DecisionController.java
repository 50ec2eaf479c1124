package jp.tobira.decision.api;

import java.util.Locale;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jp.tobira.application.Application;
import jp.tobira.application.ApplicationId;
import jp.tobira.application.ApplicationNotFound;
import jp.tobira.application.ApplicationService;
import jp.tobira.decision.Decision;
import jp.tobira.decision.DecisionLetters;
import jp.tobira.decision.Decisions;
import jp.tobira.security.TobiraUser;
import jp.tobira.validation.InvalidInput;

/** A case's decision and its letter, for the issuer and the supervisor's staff. */
@RestController
@Tag(name = "Decisions", description = "Decisions and decision letters")
class DecisionController {

	private final ApplicationService applications;

	private final Decisions decisions;

	private final DecisionLetters letters;

	DecisionController(ApplicationService applications, Decisions decisions, DecisionLetters letters) {
		this.applications = applications;
		this.decisions = decisions;
		this.letters = letters;
	}

	@GetMapping("/api/v1/applications/{id}/decision")
	@Operation(summary = "The case's decision: outcome, reasons, conditions, when, and the record's SHA-256")
	Decision decision(@AuthenticationPrincipal TobiraUser user, @PathVariable UUID id) {
		Application application = applications.get(user.actor(), new ApplicationId(id));
		return decisions.of(application.id()).orElseThrow(() -> new ApplicationNotFound(id + "/decision"));
	}

	private static final java.util.regex.Pattern STYLE = java.util.regex.Pattern.compile("<style>([\\s\\S]*?)</style>");

	/**
	 * The letter is one self-contained document (the PDF is made from it), so its style
	 * is inline: the policy admits exactly that style by its hash, and nothing else.
	 */
	static String letterPolicy(String html) {
		StringBuilder styles = new StringBuilder();
		java.util.regex.Matcher style = STYLE.matcher(html);
		while (style.find()) {
			try {
				byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
					.digest(style.group(1).getBytes(java.nio.charset.StandardCharsets.UTF_8));
				styles.append(" 'sha256-").append(java.util.Base64.getEncoder().encodeToString(digest)).append('\'');
			}
			catch (java.security.NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return "default-src 'none'; style-src" + (styles.isEmpty() ? " 'none'" : styles)
				+ "; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
	}

	@GetMapping("/api/v1/applications/{id}/letter")
	@Operation(summary = "The decision letter, in English or Japanese, as HTML or PDF")
	ResponseEntity<byte[]> letter(@AuthenticationPrincipal TobiraUser user, @PathVariable UUID id,
			@RequestParam(defaultValue = "en") String lang, @RequestParam(defaultValue = "pdf") String format) {
		Application application = applications.get(user.actor(), new ApplicationId(id));
		if (!lang.equals("en") && !lang.equals("ja")) {
			throw InvalidInput.of("lang", "problem.lang");
		}
		Locale locale = Locale.forLanguageTag(lang);
		String name = "decision-" + application.reference() + "-" + lang;
		return switch (format) {
			case "pdf" -> ResponseEntity.ok()
				.contentType(MediaType.APPLICATION_PDF)
				.header(HttpHeaders.CONTENT_DISPOSITION,
						ContentDisposition.inline().filename(name + ".pdf").build().toString())
				.body(letters.pdf(application.id(), locale));
			case "html" -> {
				String html = letters.html(application.id(), locale);
				yield ResponseEntity.ok()
					.contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
					.header("Content-Security-Policy", letterPolicy(html))
					.body(html.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			}
			default -> throw InvalidInput.of("format", "problem.format");
		};
	}

}
