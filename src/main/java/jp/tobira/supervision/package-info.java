/**
 * Supervision after recognition: the monthly reserve reports of a recognised token, their
 * checks, and what the supervisor does about a late or flagged report (suspension,
 * reinstatement, revocation), and an issuer's surrender. The process itself is
 * {@code bpmn/token-supervision.bpmn}, driven by {@code process/}.
 */
package jp.tobira.supervision;
