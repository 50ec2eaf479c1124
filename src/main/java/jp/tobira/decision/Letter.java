package jp.tobira.decision;

import java.util.List;
import java.util.Locale;

/**
 * A decision letter, its texts already in the reader's language: one model for the HTML and the PDF rendering.
 * Every field that came from an issuer or a reviewer is plain text, escaped by whichever renderer prints it.
 */
public record Letter(Locale locale, String title, String authority, String dateLine, String addresseeLabel,
		String addresseeName, String addresseeAddress, String referenceLabel, String reference, String tokenLabel,
		String token, String decisionLabel, String decision, List<Section> sections, String closing,
		String hashLabel, String recordSha256, String hashNote) {

	/** A heading and the text under it, such as the conditions of an approval or the reasons for a decision. */
	public record Section(String label, String text) {
	}
}
