package jp.tobira.decision.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import jp.tobira.decision.Register;

/** The public register as a page and as CSV, without log-in (ARCHITECTURE.md §6). */
@Controller
class RegisterPage {

	private final Register register;

	RegisterPage(Register register) {
		this.register = register;
	}

	@GetMapping("/register")
	String page(Model model) {
		model.addAttribute("entries", register.entries());
		return "register/index";
	}

	@GetMapping("/register.csv")
	void csv(HttpServletResponse response) throws IOException {
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment().filename("tobira-register.csv").build().toString());
		Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		register.writeCsv(out);
		out.flush();
	}

}
