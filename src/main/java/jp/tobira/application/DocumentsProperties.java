package jp.tobira.application;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxSize the largest document accepted (ARCHITECTURE.md §9: 25 MB by default)
 */
@ConfigurationProperties("tobira.documents")
public record DocumentsProperties(@DefaultValue("25MB") DataSize maxSize) {
}
