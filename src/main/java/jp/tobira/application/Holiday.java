package jp.tobira.application;

import java.time.LocalDate;

public record Holiday(LocalDate day, String nameEn, String nameJa) {
}
