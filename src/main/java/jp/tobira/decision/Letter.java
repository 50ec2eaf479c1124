package jp.tobira.decision;

import java.util.List;
import java.util.Locale;

/**
 * A decision letter, its texts already in the reader's language: one model for the HTML
 * and the PDF rendering. Every field that came from an issuer or a reviewer is plain
 * text, escaped by whichever renderer prints it.
 */
public record Letter(Locale locale, String title, String authority, String dateLine, String addresseeLabel,
		String addresseeName, String addresseeAddress, String referenceLabel, String reference, String tokenLabel,
		String token, String decisionLabel, String decision, List<Section> sections, String closing, String hashLabel,
		String recordSha256, String hashNote, PreScreen preScreen) {

	/**
	 * A heading and the text under it, such as the conditions of an approval or the
	 * reasons for a decision.
	 */
	public record Section(String label, String text) {
	}

	/**
	 * The pre-screen as it was stored when it ran (never recomputed for the letter), or
	 * {@code null} for a case decided without one: a heading, when it was recorded, the
	 * column headings and a row per check.
	 */
	public record PreScreen(String label, String note, String checkLabel, String valueLabel, String thresholdLabel,
			String resultLabel, List<Row> rows) {
	}

	public record Row(String check, String value, String threshold, String result) {
	}
}
