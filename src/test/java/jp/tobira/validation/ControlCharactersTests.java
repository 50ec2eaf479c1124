package jp.tobira.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Free text keeps its lines and tabs; every other control character is refused, and a
 * name takes none.
 */
class ControlCharactersTests {

	@Test
	void freeTextKeepsTabsAndLineBreaksButNoOtherControlCharacter() {
		assertThat(ControlCharacters.inText("line one\r\nline\ttwo\n")).isFalse();
		assertThat(ControlCharacters.inText("国債 — €")).isFalse();
		assertThat(ControlCharacters.inText(null)).isFalse();
		for (String control : new String[] { "\u0000", "\u0001", "\u001b", "\u001f", "\u007f", "\u0080", "\u0085",
				"\u009f" }) {
			assertThat(ControlCharacters.inText("a" + control + "b")).as("U+%04X", (int) control.charAt(0)).isTrue();
		}
	}

	@Test
	void aNameTakesNoControlCharacterAtAll() {
		assertThat(ControlCharacters.inName("deed.pdf")).isFalse();
		assertThat(ControlCharacters.inName("deed\t.pdf")).isTrue();
		assertThat(ControlCharacters.inName("deed\n.pdf")).isTrue();
		assertThat(ControlCharacters.inName("deed\u0000.pdf")).isTrue();
	}

	@Test
	void namesTheFieldWithTheBundlesSentence() {
		FieldProblem problem = ControlCharacters.problem("issuer.legalName");
		assertThat(problem.field()).isEqualTo("issuer.legalName");
		assertThat(problem.message()).contains("control character");
	}

}
