package jp.tobira.review.web;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.util.MultiValueMap;

/**
 * A screen's posted fields as the JSON a task is completed with, read by the shape of the
 * task's form (its record): a field is named as the JSON names it, a map's entry as
 * {@code name.key} and a map of rows as {@code name.row.column}. So the screen and the
 * API are one door with one set of rules, and a task's form is declared once, in its
 * definition.
 */
final class TaskFormFields {

	private TaskFormFields() {
	}

	static ObjectNode toJson(Class<? extends Record> form, MultiValueMap<String, String> fields, ObjectMapper json) {
		ObjectNode outcome = json.createObjectNode();
		for (RecordComponent component : form.getRecordComponents()) {
			String name = component.getName();
			Class<?> type = component.getType();
			if (type == Boolean.class) {
				String value = fields.getFirst(name);
				if (value != null && !value.isBlank()) {
					outcome.put(name, Boolean.parseBoolean(value));
				}
			}
			else if (type == List.class) {
				List<String> values = fields.get(name);
				if (values != null && values.stream().anyMatch(TaskFormFields::filled)) {
					ArrayNode array = outcome.putArray(name);
					values.stream().filter(TaskFormFields::filled).forEach(array::add);
				}
			}
			else if (type == Map.class) {
				ObjectNode map = rowsOrEntries(name, component.getGenericType(), fields, json);
				if (!map.isEmpty()) {
					outcome.set(name, map);
				}
			}
			else {
				String value = fields.getFirst(name);
				if (filled(value)) {
					outcome.put(name, value.strip());
				}
			}
		}
		return outcome;
	}

	/**
	 * {@code name.key} fields as a map of text; {@code name.row.column} fields as a map
	 * of rows, a row kept only when its first column ({@code verdict} in a checklist) is
	 * filled in, as an unanswered row says nothing.
	 */
	private static ObjectNode rowsOrEntries(String name, Type type, MultiValueMap<String, String> fields,
			ObjectMapper json) {
		boolean rows = type instanceof ParameterizedType map
				&& map.getActualTypeArguments()[1] instanceof ParameterizedType;
		ObjectNode result = json.createObjectNode();
		String prefix = name + ".";
		fields.forEach((field, values) -> {
			if (!field.startsWith(prefix) || values.isEmpty() || !filled(values.get(0))) {
				return;
			}
			String key = field.substring(prefix.length());
			if (!rows) {
				result.put(key, values.get(0).strip());
				return;
			}
			int dot = key.lastIndexOf('.');
			if (dot < 0 || !key.endsWith(".verdict")) {
				return;
			}
			String row = key.substring(0, dot);
			ObjectNode cells = result.putObject(row);
			cells.put("verdict", values.get(0).strip());
			String note = fields.getFirst(prefix + row + ".note");
			if (filled(note)) {
				cells.put("note", note.strip());
			}
		});
		return result;
	}

	private static boolean filled(String value) {
		return value != null && !value.isBlank();
	}

}
