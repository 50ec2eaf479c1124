package jp.tobira.review;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/**
 * Every user task's definition, by key, in the order of the statutory period, then the
 * supervision's after recognition.
 */
@Component
public class TaskDefinitions {

	private final Map<String, TaskDefinition> byKey;

	private final List<TaskDefinition> all;

	TaskDefinitions(List<TaskDefinition> definitions) {
		this.all = definitions.stream()
			.sorted(Comparator.comparing(TaskDefinition::afterRecognition).thenComparingInt(TaskDefinition::dueDay))
			.toList();
		this.byKey = definitions.stream().collect(Collectors.toMap(TaskDefinition::key, Function.identity()));
	}

	public Optional<TaskDefinition> find(String key) {
		return Optional.ofNullable(byKey.get(key));
	}

	/**
	 * The definition of a task the model has; a key without one is a model the code does
	 * not know.
	 */
	public TaskDefinition of(String key) {
		return find(key).orElseThrow(() -> new IllegalStateException("No definition for task " + key));
	}

	public List<TaskDefinition> all() {
		return all;
	}

}
