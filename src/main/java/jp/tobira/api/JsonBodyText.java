package jp.tobira.api;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.AbstractJackson2HttpMessageConverter;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

import jp.tobira.validation.ControlCharacters;
import jp.tobira.validation.FieldProblem;
import jp.tobira.validation.InvalidInput;

/**
 * Every JSON body the API reads held to {@link ControlCharacters}, each offending text
 * named by its path ({@code trust.custodians[1]}), the way {@link ApiProblems} names a
 * field Jackson could not read. Checked once the body is read, whatever it was read into:
 * a string deserializer on the application's ObjectMapper would miss the bodies read as a
 * tree (a task's form), and would also refuse the application's own stored JSON when it
 * reads it back.
 */
@RestControllerAdvice(annotations = RestController.class)
class JsonBodyText extends RequestBodyAdviceAdapter {

	private final ObjectMapper json;

	JsonBodyText(ObjectMapper json) {
		this.json = json;
	}

	@Override
	public boolean supports(MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) {
		return AbstractJackson2HttpMessageConverter.class.isAssignableFrom(converterType);
	}

	@Override
	public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) {
		JsonNode tree = body instanceof JsonNode node ? node : json.valueToTree(body);
		List<FieldProblem> problems = new ArrayList<>();
		check(tree, "", problems);
		if (!problems.isEmpty()) {
			throw new InvalidInput(problems);
		}
		return body;
	}

	private static void check(JsonNode node, String path, List<FieldProblem> problems) {
		if (node == null) {
			return;
		}
		if (node.isTextual() && ControlCharacters.inText(node.textValue())) {
			problems.add(ControlCharacters.problem(path.isEmpty() ? "body" : path));
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				check(node.get(i), path + "[" + i + "]", problems);
			}
		}
		else if (node.isObject()) {
			node.properties().forEach(field -> {
				if (ControlCharacters.inName(field.getKey())) {
					problems.add(ControlCharacters.problem(path.isEmpty() ? "body" : path));
				}
				else {
					check(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), problems);
				}
			});
		}
	}

}
