package jp.tobira.application.web;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.stereotype.Component;

import jp.tobira.application.ApplicationContent;
import jp.tobira.validation.InvalidInput;

/**
 * Turns one step of the application form into content. The fields are named by their path
 * in the JSON the API takes ({@code reserves.assets[0].amount}), so a form and an API
 * request go through the same conversion and the same validation, and an error names the
 * same field in both.
 */
@Component
class ContentForm {

	private static final Pattern SEGMENT = Pattern.compile("([A-Za-z]+)(?:\\[(\\d+)])?");

	private final ObjectMapper json;

	ContentForm(ObjectMapper json) {
		this.json = json;
	}

	/** The content as a tree, for filling in the form. */
	ObjectNode tree(ApplicationContent content) {
		return json.valueToTree(content);
	}

	/** The section of the form's fields, replacing the same section of the draft. */
	ObjectNode merge(ApplicationContent current, String section, Map<String, String> fields) {
		ObjectNode content = tree(current);
		ObjectNode part = JsonNodeFactory.instance.objectNode();
		fields.forEach((name, value) -> {
			if (name.startsWith(section + ".") && value != null && !value.isBlank()) {
				set(part, name.substring(section.length() + 1), value.strip());
			}
		});
		compactArrays(part);
		if (part.isEmpty()) {
			content.remove(section);
		}
		else {
			content.set(section, part);
		}
		return content;
	}

	/**
	 * Reads the tree as content; a value of the wrong form is refused naming its field.
	 */
	ApplicationContent read(ObjectNode tree) {
		try {
			return json.treeToValue(tree, ApplicationContent.class);
		}
		catch (JsonMappingException ex) {
			StringBuilder path = new StringBuilder();
			for (JsonMappingException.Reference reference : ex.getPath()) {
				if (reference.getIndex() >= 0) {
					path.append('[').append(reference.getIndex()).append(']');
				}
				else if (reference.getFieldName() != null) {
					path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
				}
			}
			throw InvalidInput.of(path.isEmpty() ? "form" : path.toString(), "problem.wrongForm");
		}
		catch (JsonProcessingException ex) {
			throw InvalidInput.of("form", "problem.unreadable");
		}
	}

	/** The text a field shows: the value of a path in the tree, or empty. */
	static String valueAt(JsonNode tree, String path) {
		JsonNode node = tree;
		for (String part : path.split("\\.")) {
			Matcher m = SEGMENT.matcher(part);
			if (node == null || !m.matches()) {
				return "";
			}
			node = node.get(m.group(1));
			if (node != null && m.group(2) != null) {
				node = node.get(Integer.parseInt(m.group(2)));
			}
		}
		return node == null || node.isNull() ? "" : node.asText();
	}

	private static void set(ObjectNode root, String path, String value) {
		String[] parts = path.split("\\.");
		JsonNode node = root;
		for (int i = 0; i < parts.length; i++) {
			Matcher m = SEGMENT.matcher(parts[i]);
			if (!m.matches()) {
				return;
			}
			boolean last = i == parts.length - 1;
			String name = m.group(1);
			ObjectNode object = (ObjectNode) node;
			if (m.group(2) == null) {
				if (last) {
					object.put(name, value);
				}
				else {
					node = object.has(name) ? object.get(name) : object.putObject(name);
				}
				continue;
			}
			int index = Integer.parseInt(m.group(2));
			if (index > 499) {
				return;
			}
			ArrayNode array = object.has(name) ? (ArrayNode) object.get(name) : object.putArray(name);
			while (array.size() <= index) {
				array.addNull();
			}
			if (last) {
				array.set(index, JsonNodeFactory.instance.textNode(value));
			}
			else {
				if (array.get(index).isNull()) {
					array.set(index, JsonNodeFactory.instance.objectNode());
				}
				node = array.get(index);
			}
		}
	}

	/**
	 * Rows left wholly empty are no rows: a removed or unused row must not become a null
	 * entry.
	 */
	private static void compactArrays(JsonNode node) {
		if (node instanceof ObjectNode object) {
			List<String> names = new java.util.ArrayList<>();
			object.fieldNames().forEachRemaining(names::add);
			for (String name : names) {
				JsonNode child = object.get(name);
				if (child instanceof ArrayNode array) {
					ArrayNode kept = JsonNodeFactory.instance.arrayNode();
					array.forEach(element -> {
						if (!element.isNull()) {
							compactArrays(element);
							kept.add(element);
						}
					});
					object.set(name, kept);
				}
				else {
					compactArrays(child);
				}
			}
		}
	}

}
