package jp.tobira.application;

import java.util.Arrays;
import java.util.List;

/**
 * The document types of ARCHITECTURE.md §3/§8; all but {@link #OTHER} are required before
 * submission.
 */
public enum DocumentType {

	TRUST_DEED, AUDIT_REPORT, RESERVE_ATTESTATION, HOME_LICENCE, LEGAL_OPINION, REDEMPTION_POLICY,
	INFO_SHARING_UNDERTAKING, WHITE_PAPER, OTHER;

	public static List<DocumentType> required() {
		return Arrays.stream(values()).filter(type -> type != OTHER).toList();
	}

}
