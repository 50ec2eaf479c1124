package jp.tobira.decision.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import jp.tobira.decision.Register;
import jp.tobira.decision.RegisterEntry;
import jp.tobira.decision.RegisterFeed;

/**
 * The public register as a page, as CSV (as it stands, or as it stood on a day) and its
 * changes as an Atom feed, without log-in (ARCHITECTURE.md §6).
 */
@Controller
class RegisterPage {

	private final Register register;

	private final RegisterFeed feed;

	RegisterPage(Register register, RegisterFeed feed) {
		this.register = register;
		this.feed = feed;
	}

	@GetMapping("/register")
	String page(Model model) {
		model.addAttribute("entries", register.entries());
		return "register/index";
	}

	/**
	 * @param asOf {@code YYYY-MM-DD}: the register as it stood that day; a malformed or
	 * future day is refused (400) before anything is written
	 */
	@GetMapping("/register.csv")
	void csv(@RequestParam(required = false) String asOf, HttpServletResponse response) throws IOException {
		List<RegisterEntry> entries = asOf == null ? register.entries() : register.entriesAsOf(asOf);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment()
					.filename(asOf == null ? "tobira-register.csv" : "tobira-register-" + asOf + ".csv")
					.build()
					.toString());
		Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		register.writeCsv(out, entries);
		out.flush();
	}

	@GetMapping("/register.atom")
	void atom(HttpServletResponse response) throws IOException {
		response.setContentType("application/atom+xml;charset=UTF-8");
		Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		feed.write(out, ServletUriComponentsBuilder.fromCurrentContextPath().toUriString());
		out.flush();
	}

}
