package jp.tobira.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The screens' own files (styles, scripts) and the web jars (the dashboard's charts),
 * each under its own address, in place of Spring Boot's catch-all {@code /**}
 * ({@code spring.web.resources.add-mappings: false}).
 * <p>
 * Why: the web jars' locator turns Boot's resource chain on, and with it the filter that
 * offers every link a page writes ({@code @{...}}) to the resource handlers, to be
 * rewritten if it names a file. Under {@code /**} every link matched, the link to a task
 * or a case too, and each was looked for as a file on the class path, through every jar,
 * and the miss was not cached: half the task list's time at 1,000 open cases went there
 * (issue 15, BENCHMARKS.md). Under these three addresses a page's other links match no
 * handler and cost nothing; a file's address is resolved once and cached.
 */
@Configuration(proxyBeanMethods = false)
class StaticFiles implements WebMvcConfigurer {

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler("/css/**").addResourceLocations("classpath:/static/css/").resourceChain(true);
		registry.addResourceHandler("/js/**").addResourceLocations("classpath:/static/js/").resourceChain(true);
		// the locator's resolver is added by the chain: version-free addresses such as
		// /webjars/chart.js/dist/chart.umd.min.js
		registry.addResourceHandler("/webjars/**")
			.addResourceLocations("classpath:/META-INF/resources/webjars/")
			.resourceChain(true);
	}

}
