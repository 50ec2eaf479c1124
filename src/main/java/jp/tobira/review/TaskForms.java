package jp.tobira.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.springframework.stereotype.Component;

import jp.tobira.validation.InvalidInput;

/**
 * Reads a task form from JSON into its record, naming the field when the form is wrong.
 */
@Component
public class TaskForms {

	private final ObjectMapper json;

	TaskForms(ObjectMapper json) {
		this.json = json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
	}

	<T> T read(JsonNode form, Class<T> type) {
		try {
			return json.treeToValue(form == null || form.isNull() ? json.createObjectNode() : form, type);
		}
		catch (UnrecognizedPropertyException ex) {
			throw InvalidInput.of(ex.getPropertyName(), "problem.notAField");
		}
		catch (JsonMappingException ex) {
			String field = ex.getPath().isEmpty() ? "body" : ex.getPath().get(ex.getPath().size() - 1).getFieldName();
			throw InvalidInput.of(field == null ? "body" : field, "problem.wrongForm");
		}
		catch (JsonProcessingException ex) {
			throw InvalidInput.of("body", "problem.unreadable");
		}
	}

	public Object toValue(JsonNode form) {
		return json.convertValue(form, Object.class);
	}

}
