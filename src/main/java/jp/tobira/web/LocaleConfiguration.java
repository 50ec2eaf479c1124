package jp.tobira.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

import jp.tobira.security.Users;

/**
 * Screens in Japanese and English: {@code ?lang=ja} or {@code ?lang=en} switches; the
 * choice is remembered.
 */
@Configuration(proxyBeanMethods = false)
class LocaleConfiguration implements WebMvcConfigurer {

	private final UserLocaleResolver resolver;

	LocaleConfiguration(Users users) {
		this.resolver = new UserLocaleResolver(users);
	}

	@Bean
	LocaleResolver localeResolver() {
		return resolver;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		// the screens' cookie follows the user's stored choice (a ?lang= choice sets
		// both, right after)
		registry.addInterceptor(new HandlerInterceptor() {
			@Override
			public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
				if (request.getParameter("lang") == null) {
					resolver.keepCookieInStep(request, response);
				}
				return true;
			}
		}).excludePathPatterns("/api/**");
		LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
		interceptor.setParamName("lang");
		interceptor.setIgnoreInvalidLocale(true);
		registry.addInterceptor(interceptor);
	}

}
