package jp.tobira.decision;

import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.FontSelector;
import com.lowagie.text.pdf.PdfWriter;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import jp.tobira.application.Application;
import jp.tobira.application.ApplicationId;
import jp.tobira.application.ApplicationNotFound;
import jp.tobira.application.Applications;
import jp.tobira.audit.AuditKind;
import jp.tobira.audit.AuditLog;
import jp.tobira.checks.PreScreenEvaluation;
import jp.tobira.checks.PreScreenEvaluations;
import jp.tobira.security.Actor;

/**
 * The decision letter for the issuer, in English or Japanese, as HTML and as PDF.
 * Japanese text is set in the Adobe-Japan1 font HeiseiKakuGo-W5 that OpenPDF describes
 * without embedding: every PDF reader supplies a Japanese font for it, so the jar needs
 * no font file. The letter prints the SHA-256 of the decision record.
 */
@Service
public class DecisionLetters {

	/** The supervisor's zone, the application clock's: the letter's dates are Tokyo's. */
	private final ZoneId zone;

	private final Decisions decisions;

	private final Applications applications;

	private final MessageSource messages;

	private final ITemplateEngine templates;

	private final AuditLog auditLog;

	private final PreScreenEvaluations preScreens;

	DecisionLetters(Decisions decisions, Applications applications, MessageSource messages, ITemplateEngine templates,
			AuditLog auditLog, PreScreenEvaluations preScreens, java.time.Clock clock) {
		this.zone = clock.getZone();
		this.preScreens = preScreens;
		this.decisions = decisions;
		this.applications = applications;
		this.messages = messages;
		this.templates = templates;
		this.auditLog = auditLog;
	}

	/**
	 * Notifies the issuer of the decision: its letter is theirs to read on the case page
	 * and through the API from the moment the engine's transaction commits, and the audit
	 * log records it as the message sent to them. No e-mail leaves the system (yet), so
	 * none is claimed.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void notifyIssuer(ApplicationId id) {
		Decision decision = decisions.of(id).orElseThrow(() -> new ApplicationNotFound(id + "/decision"));
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("to", "issuer");
		payload.put("about", "decision letter");
		payload.put("outcome", decision.outcome().name());
		payload.put("recordSha256", decision.recordSha256());
		auditLog.append(Actor.SYSTEM.username(), decision.reference(), AuditKind.MESSAGE_SENT, payload);
	}

	/** The letter's content; the caller has checked that the reader may see the case. */
	public Letter letter(ApplicationId id, Locale locale) {
		Decision decision = decisions.of(id).orElseThrow(() -> new ApplicationNotFound(id + "/decision"));
		Application application = applications.findById(id).orElseThrow(() -> new ApplicationNotFound(id));
		var content = application.content();
		LocalDate date = LocalDate.ofInstant(decision.decidedAt(), zone);
		return new Letter(locale, msg("letter.title", locale), msg("letter.authority", locale),
				DateTimeFormatter.ofPattern(msg("format.date", locale), locale).format(date),
				msg("letter.addressee", locale), content.issuer().legalName(), content.issuer().address(),
				msg("letter.reference", locale), application.reference().value(), msg("letter.token", locale),
				content.token().name() + " (" + content.token().symbol() + ")", msg("letter.decision", locale),
				msg("letter.outcome." + decision.outcome().name(), locale), sections(decision, locale),
				msg("letter.closing." + decision.outcome().name(), locale), msg("letter.hash", locale),
				decision.recordSha256(), msg("letter.hashNote", locale),
				preScreens.preScreenOf(id).map(evaluation -> preScreen(evaluation, locale)).orElse(null));
	}

	/**
	 * The stored pre-screen in the reader's language: each check's value, threshold and
	 * result as recorded.
	 */
	private Letter.PreScreen preScreen(PreScreenEvaluation evaluation, Locale locale) {
		String evaluatedAt = DateTimeFormatter.ofPattern(msg("format.dateTime", locale), locale)
			.format(evaluation.evaluatedAt().atZone(zone));
		String asOf = DateTimeFormatter.ofPattern(msg("format.date", locale), locale).format(evaluation.asOf());
		List<Letter.Row> rows = evaluation.checks().stream().map(check -> {
			String result = msg("preScreen.result." + check.result().name(), locale);
			if (check.flag() != null) {
				result += " — " + msg("flag." + check.flag().name(), locale);
			}
			return new Letter.Row(msg("check." + check.code(), locale), preScreens.text(check.value(), locale),
					preScreens.text(check.threshold(), locale), result);
		}).toList();
		return new Letter.PreScreen(msg("letter.preScreen", locale),
				messages.getMessage("letter.preScreen.note", new Object[] { evaluatedAt, asOf }, locale)
						+ (evaluation.configuration().rulebookVersion() == null ? ""
								: " " + messages.getMessage("letter.preScreen.version",
										new Object[] { evaluation.configuration().rulebookVersion() }, locale)),
				msg("case.check", locale), msg("case.value", locale), msg("case.threshold", locale),
				msg("case.result", locale), rows);
	}

	/**
	 * The letter's texts, each under its heading: the conditions of an approval with
	 * conditions and then the reasons for it (the issuer is owed both), otherwise the
	 * reasons. A text the decision-maker left empty is left out.
	 */
	private List<Letter.Section> sections(Decision decision, Locale locale) {
		List<Letter.Section> sections = new ArrayList<>();
		if (decision.outcome() == Outcome.APPROVE_WITH_CONDITIONS) {
			sections.add(new Letter.Section(msg("letter.conditions", locale), decision.conditions()));
		}
		sections.add(new Letter.Section(msg("letter.reasons", locale), decision.reasons()));
		return sections.stream().filter(section -> section.text() != null && !section.text().isBlank()).toList();
	}

	public String html(ApplicationId id, Locale locale) {
		Context context = new Context(locale);
		context.setVariable("letter", letter(id, locale));
		return templates.process("letters/decision", context);
	}

	public byte[] pdf(ApplicationId id, Locale locale) {
		Letter letter = letter(id, locale);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Document document = new Document(PageSize.A4, 64, 64, 72, 72);
		try {
			PdfWriter.getInstance(document, out);
			document.addTitle(letter.title() + " " + letter.reference());
			document.open();
			Fonts body = new Fonts(10.5f, Font.NORMAL);
			Fonts strong = new Fonts(10.5f, Font.BOLD);
			Fonts small = new Fonts(8.5f, Font.NORMAL);
			document.add(paragraph(body, letter.authority()));
			document.add(paragraph(body, letter.dateLine()));
			document.add(Chunk.NEWLINE);
			document.add(paragraph(strong, letter.addresseeLabel() + " " + letter.addresseeName()));
			document.add(paragraph(body, letter.addresseeAddress()));
			document.add(Chunk.NEWLINE);
			document.add(paragraph(new Fonts(16f, Font.BOLD), letter.title()));
			document.add(Chunk.NEWLINE);
			document.add(line(letter.referenceLabel(), letter.reference(), strong, body));
			document.add(line(letter.tokenLabel(), letter.token(), strong, body));
			document.add(line(letter.decisionLabel(), letter.decision(), strong, body));
			for (Letter.Section section : letter.sections()) {
				document.add(Chunk.NEWLINE);
				document.add(paragraph(strong, section.label()));
				document.add(paragraph(body, section.text()));
			}
			if (letter.preScreen() != null) {
				document.add(Chunk.NEWLINE);
				document.add(paragraph(strong, letter.preScreen().label()));
				document.add(paragraph(small, letter.preScreen().note()));
				for (Letter.Row row : letter.preScreen().rows()) {
					document.add(paragraph(body, row.check() + ": " + row.value() + " ("
							+ letter.preScreen().thresholdLabel() + " " + row.threshold() + ") — " + row.result()));
				}
			}
			document.add(Chunk.NEWLINE);
			document.add(paragraph(body, letter.closing()));
			document.add(Chunk.NEWLINE);
			document.add(paragraph(small, letter.hashLabel() + ": " + letter.recordSha256()));
			document.add(paragraph(small, letter.hashNote()));
		}
		catch (DocumentException ex) {
			throw new IllegalStateException("The letter could not be rendered", ex);
		}
		finally {
			document.close();
		}
		return out.toByteArray();
	}

	private static Paragraph line(String label, String value, Fonts strong, Fonts body) {
		Paragraph paragraph = new Paragraph();
		paragraph.add(strong.selector().process(label + ": "));
		paragraph.add(body.selector().process(value));
		return paragraph;
	}

	private static Paragraph paragraph(Fonts fonts, String text) {
		return new Paragraph(fonts.selector().process(text));
	}

	/**
	 * Latin text in Helvetica, everything else in the Adobe-Japan1 font, chosen character
	 * by character: an English letter quotes Japanese names as often as a Japanese one
	 * quotes English ones, and Latin letters set in the Japanese font are spaced for
	 * ideographs.
	 */
	private record Fonts(float size, int style) {

		FontSelector selector() {
			FontSelector selector = new FontSelector();
			selector.addFont(new Font(Font.HELVETICA, size, style));
			selector.addFont(new Font(JAPANESE, size, style));
			return selector;
		}
	}

	private static final BaseFont JAPANESE = japanese();

	private static BaseFont japanese() {
		try {
			return BaseFont.createFont("HeiseiKakuGo-W5", "UniJIS-UCS2-H", BaseFont.NOT_EMBEDDED);
		}
		catch (java.io.IOException | DocumentException ex) {
			throw new IllegalStateException("The Japanese font description is missing from OpenPDF", ex);
		}
	}

	private String msg(String key, Locale locale) {
		return messages.getMessage(key, null, locale);
	}

}
