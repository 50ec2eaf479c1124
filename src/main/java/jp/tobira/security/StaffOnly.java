package jp.tobira.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.security.access.prepost.PreAuthorize;

/**
 * The supervisor's staff alone (every {@link Group} but the issuer's) may call the
 * annotated page or endpoint. One home for the list, so a new staff group (supervision
 * was one) reaches every staff screen at once; {@code GroupsTests} pins that it names
 * exactly the staff groups.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@PreAuthorize(StaffOnly.EXPRESSION)
public @interface StaffOnly {

	/** The method-security expression: any staff group's role. */
	String EXPRESSION = "hasAnyRole('INTAKE', 'BACKING_REVIEW', 'COOPERATION', 'DECISION', 'SUPERVISION', 'ADMIN')";

}
