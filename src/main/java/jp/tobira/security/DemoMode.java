package jp.tobira.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Demo mode: the default local run, with demo users and demo cases; off in the
 * {@code prod} profile.
 *
 * @param enabled demo users (and, with {@code cases}, demo cases)
 * @param cases one demo case in each stage, created on an empty database
 */
@ConfigurationProperties("tobira.demo")
public record DemoMode(@DefaultValue("false") boolean enabled, @DefaultValue("true") boolean cases) {
}
