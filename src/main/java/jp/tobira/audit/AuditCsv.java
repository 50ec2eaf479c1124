package jp.tobira.audit;

/**
 * Guards CSV cells against formula injection: a spreadsheet runs a cell that starts with
 * = + - @ (or a tab or CR) as a formula, so such a cell gets a leading apostrophe. The
 * CSV is for reading; the database is the record, and verification always walks the
 * database, never an export.
 */
public final class AuditCsv {

	private AuditCsv() {
	}

	public static String cell(String value) {
		if (value == null || value.isEmpty()) {
			return value;
		}
		char first = value.charAt(0);
		return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
				? "'" + value : value;
	}

}
