package jp.tobira.decision;

import java.util.Locale;

/**
 * A decision letter, its texts already in the reader's language: one model for the HTML and the PDF rendering.
 * Every field that came from an issuer or a reviewer is plain text, escaped by whichever renderer prints it.
 */
public record Letter(Locale locale, String title, String authority, String dateLine, String addresseeLabel,
		String addresseeName, String addresseeAddress, String referenceLabel, String reference, String tokenLabel,
		String token, String decisionLabel, String decision, String textLabel, String text, String closing,
		String hashLabel, String recordSha256, String hashNote) {
}
