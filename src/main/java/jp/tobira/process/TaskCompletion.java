package jp.tobira.process;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import jp.tobira.application.Application;
import jp.tobira.security.Actor;

/**
 * What completing one kind of task means: the form's outcome is recorded by the feature's service, and the
 * variables the model's gateways read are returned. One implementation per task definition key.
 */
interface TaskCompletion {

	String taskKey();

	/** @return the process variables the completion sets */
	Map<String, Object> complete(Actor actor, Application application, JsonNode form);
}
