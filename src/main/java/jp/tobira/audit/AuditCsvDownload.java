package jp.tobira.audit;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;

/**
 * An audit CSV as a download, streamed as the query reads it: the whole log, a case's
 * trail or the admin page's filtered view all answer the same way.
 */
public final class AuditCsvDownload {

	/** What writes the rows: one of {@code AuditEntries.writeCsv}. */
	@FunctionalInterface
	public interface Rows {

		void writeTo(Writer out) throws IOException;

	}

	private AuditCsvDownload() {
	}

	public static void send(HttpServletResponse response, String fileName, Rows rows) throws IOException {
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment().filename(fileName).build().toString());
		Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		rows.writeTo(out);
		out.flush();
	}

}
