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
 * same field in both. The monthly reserve report's form (supervision/web) binds its
 * fields, and shows its reserve rows ({@link #RESERVE_ASSET_ROWS}), through the same
 * doors, so reserves are typed, read and refused one way wherever they are asked for.
 */
@Component
public class ContentForm {

	/** One input: its path in the JSON, its label and kind. */
	public record Field(String path, String label, String type, List<String> options) {

		static Field text(String path) {
			return new Field(path, "field." + path, "text", List.of());
		}

		static Field of(String path, String type) {
			return new Field(path, "field." + path, type, List.of());
		}

		static Field choice(String path, List<String> options) {
			return new Field(path, "field." + path, "select", options);
		}
	}

	/**
	 * Rows that repeat (chains, custodians, reserve assets); a column's path is relative
	 * to its row.
	 */
	public record Rows(String path, List<Field> columns) {
	}

	/**
	 * The day of a reserve snapshot, as the wizard's reserves step and a reserve report
	 * ask it.
	 */
	public static final Field RESERVES_AS_OF = Field.of("reserves.asOf", "date");

	/**
	 * The reserve assets, a row each, as the wizard's reserves step and a reserve report
	 * ask them.
	 */
	public static final Rows RESERVE_ASSET_ROWS = new Rows("reserves.assets",
			List.of(Field.choice("assetClass",
					java.util.Arrays.stream(jp.tobira.application.AssetClass.values()).map(Enum::name).toList()),
					Field.of("amount", "decimal"), Field.text("currency"), Field.text("custodian"),
					Field.of("maturity", "date")));

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
		return read(tree, ApplicationContent.class);
	}

	/**
	 * Every non-blank field as a tree, each set at its path: what a JSON body with the
	 * same names would be.
	 */
	public ObjectNode tree(Map<String, String> fields) {
		ObjectNode tree = JsonNodeFactory.instance.objectNode();
		fields.forEach((name, value) -> {
			if (value != null && !value.isBlank()) {
				set(tree, name, value.strip());
			}
		});
		compactArrays(tree);
		return tree;
	}

	/**
	 * Reads a tree as the API reads its JSON body; a value of the wrong form is refused
	 * naming its field.
	 */
	public <T> T read(JsonNode tree, Class<T> type) {
		try {
			return json.treeToValue(tree, type);
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

	/**
	 * The rows a form shows for {@code rows}: those the tree has (at least one), and
	 * {@code extra} empty ones after them.
	 */
	public static List<Integer> rowIndexes(JsonNode tree, Rows rows, int extra) {
		JsonNode existing = nodeAt(tree, rows.path());
		int count = Math.max(existing == null ? 0 : existing.size(), 1) + extra;
		return java.util.stream.IntStream.range(0, count).boxed().toList();
	}

	/** Every field's text as the form shows it, the rows' too. */
	public static Map<String, String> values(JsonNode tree, List<Field> fields, Rows rows) {
		Map<String, String> values = new java.util.LinkedHashMap<>();
		fields.forEach(field -> values.put(field.path(), valueAt(tree, field.path())));
		if (rows != null) {
			JsonNode existing = nodeAt(tree, rows.path());
			for (int i = 0; existing != null && i < existing.size(); i++) {
				for (Field column : rows.columns()) {
					String path = rowPath(rows, i, column);
					values.put(path, valueAt(tree, path));
				}
			}
		}
		return values;
	}

	/** The name of one cell of the rows: {@code reserves.assets[0].amount}. */
	public static String rowPath(Rows rows, int row, Field column) {
		return rows.path() + "[" + row + "]" + (column.path().isEmpty() ? "" : "." + column.path());
	}

	/**
	 * The form's fields without a row a remove button names ({@code remove-N}): what is
	 * left to show and keep.
	 */
	public static void removeRow(Map<String, String> fields, Rows rows, String action) {
		if (action != null && action.matches("remove-\\d{1,3}")) {
			int row = Integer.parseInt(action.substring("remove-".length()));
			String prefix = rows.path() + "[" + row + "]";
			fields.keySet().removeIf(name -> name.equals(prefix) || name.startsWith(prefix + "."));
		}
	}

	static JsonNode nodeAt(JsonNode tree, String path) {
		JsonNode node = tree;
		for (String part : path.split("\\.")) {
			node = node == null ? null : node.get(part);
		}
		return node;
	}

	/** The text a field shows: the value of a path in the tree, or empty. */
	public static String valueAt(JsonNode tree, String path) {
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
