package jp.tobira.application;

/** The independent auditor's opinion on the latest audit. */
public enum AuditOpinion {

	UNQUALIFIED, QUALIFIED, ADVERSE, DISCLAIMER

}
