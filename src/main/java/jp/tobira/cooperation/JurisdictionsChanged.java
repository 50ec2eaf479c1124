package jp.tobira.cooperation;

/**
 * The jurisdiction table changed; the process's decision table is regenerated from it.
 */
public record JurisdictionsChanged(String code) {
}
