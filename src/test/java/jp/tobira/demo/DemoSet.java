package jp.tobira.demo;

import java.util.List;

import org.springframework.context.ApplicationContext;

import jp.tobira.application.ApplicationId;

/**
 * The demo set made through the services, for tests outside this package (the benchmark's
 * engine-made cases).
 */
public final class DemoSet {

	private DemoSet() {
	}

	public static List<ApplicationId> create(ApplicationContext context) {
		return context.getBean(DemoCases.class).create();
	}

}
