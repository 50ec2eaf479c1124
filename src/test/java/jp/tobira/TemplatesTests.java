package jp.tobira;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * A template names a Java type only as text ({@code T(jp.tobira.…)}), which no compiler
 * checks: moving a class would break its page at run time. Every such name must resolve
 * to a class.
 */
class TemplatesTests {

	private static final Pattern TYPE = Pattern.compile("T\\((jp\\.tobira\\.[\\w.]+)\\)");

	@Test
	void everyTypeATemplateNamesExists() throws IOException {
		List<String> missing;
		try (Stream<Path> files = Files.walk(Path.of("templates"))) {
			missing = files.filter(file -> file.toString().endsWith(".html")).flatMap(file -> {
				try {
					Matcher names = TYPE.matcher(Files.readString(file));
					return names.results()
						.map(match -> match.group(1))
						.filter(name -> !resolves(name))
						.map(name -> file + ": " + name)
						.toList()
						.stream();
				}
				catch (IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			}).toList();
		}
		assertThat(missing).isEmpty();
	}

	/**
	 * A nested type is written with a dot in a template and with a dollar sign in its
	 * binary name.
	 */
	private static boolean resolves(String name) {
		String binary = name;
		while (true) {
			try {
				Class.forName(binary);
				return true;
			}
			catch (ClassNotFoundException ex) {
				int dot = binary.lastIndexOf('.');
				if (dot < 0 || binary.substring(0, dot).chars().noneMatch(c -> c == '.')) {
					return false;
				}
				binary = binary.substring(0, dot) + "$" + binary.substring(dot + 1);
				if (!Character.isUpperCase(binary.charAt(binary.lastIndexOf('.') + 1))) {
					return false;
				}
			}
		}
	}

}
