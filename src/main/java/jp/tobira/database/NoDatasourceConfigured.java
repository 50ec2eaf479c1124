package jp.tobira.database;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * True when neither {@code spring.datasource.url} nor {@code SPRING_DATASOURCE_URL} names
 * a server: a blank value counts as absent, so test configuration can write
 * {@code ${TOBIRA_TEST_DB_URL:}}.
 */
class NoDatasourceConfigured implements Condition {

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
	}

}
