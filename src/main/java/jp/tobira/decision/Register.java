package jp.tobira.decision;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import jp.tobira.audit.AuditCsv;

/** The public register of recognised tokens: what was decided, as recorded at the decision. */
@Service
public class Register {

	static final String[] HEADER = { "reference", "token_name", "symbol", "pegged_currency", "issuer",
			"home_jurisdiction", "home_regulator", "intermediary", "intermediary_registration", "decision_date",
			"conditions", "status" };

	private final JdbcClient jdbc;

	Register(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<RegisterEntry> entries() {
		return jdbc.sql("SELECT * FROM app.register_entry ORDER BY decision_date DESC, symbol, reference")
			.query((rs, row) -> new RegisterEntry(rs.getString("reference"), rs.getString("token_name"),
					rs.getString("symbol"), rs.getString("pegged_currency"), rs.getString("issuer_name"),
					rs.getString("home_jurisdiction"), rs.getString("home_regulator"), rs.getString("intermediary_name"),
					rs.getString("intermediary_registration"), rs.getObject("decision_date", LocalDate.class),
					rs.getString("conditions"), rs.getString("status")))
			.list();
	}

	/**
	 * The register as CSV, UTF-8 with a byte-order mark so that spreadsheet programs in Japan read it as UTF-8, and
	 * text cells guarded against formula injection.
	 */
	public void writeCsv(Writer out) throws IOException {
		out.write('\uFEFF');
		try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER).get())) {
			for (RegisterEntry e : entries()) {
				csv.printRecord(e.reference(), AuditCsv.cell(e.tokenName()), AuditCsv.cell(e.symbol()),
						e.peggedCurrency(), AuditCsv.cell(e.issuer()), e.homeJurisdiction(),
						AuditCsv.cell(e.homeRegulator()), AuditCsv.cell(e.intermediary()),
						AuditCsv.cell(e.intermediaryRegistration()), e.decisionDate(), AuditCsv.cell(e.conditions()),
						e.status());
			}
		}
	}
}
