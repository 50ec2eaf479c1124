package jp.tobira.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

/**
 * The SQL statements the application runs through Spring's {@code JdbcTemplate} (every
 * list query of the task list, the task API and the dashboard goes through it), with
 * their parameters, read from Spring's own debug and trace logging while a request is
 * served: the benchmark explains exactly what the application ran, not a copy of its
 * queries that could drift from them. The engine's own statements (MyBatis) are not seen.
 */
final class StatementCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

	/** One statement: its SQL with {@code ?} placeholders, and the parameters' values. */
	record Statement(String sql, List<String> values, List<String> classes) {

		boolean select() {
			return sql.stripLeading().regionMatches(true, 0, "SELECT", 0, 6)
					|| sql.stripLeading().regionMatches(true, 0, "WITH", 0, 4);
		}

		/**
		 * The statement with its parameters written in as literals, for EXPLAIN; empty if
		 * a parameter has no literal form here (an array).
		 */
		java.util.Optional<String> inlined() {
			StringBuilder out = new StringBuilder();
			int next = 0;
			for (int i = 0; i < sql.length(); i++) {
				char c = sql.charAt(i);
				if (c != '?') {
					out.append(c);
					continue;
				}
				if (next >= values.size() || classes.get(next).startsWith("[")) {
					return java.util.Optional.empty();
				}
				String value = values.get(next);
				String type = classes.get(next);
				next++;
				if ("null".equals(type)) {
					out.append("NULL");
				}
				else if (type.equals("java.lang.Integer") || type.equals("java.lang.Long")) {
					out.append(value);
				}
				else if (type.equals("java.lang.Boolean")) {
					out.append(value);
				}
				else {
					out.append('\'').append(value.replace("'", "''")).append('\'');
				}
			}
			return next == values.size() ? java.util.Optional.of(out.toString()) : java.util.Optional.empty();
		}
	}

	private static final String EXECUTING_PREPARED = "Executing prepared SQL statement [";

	private static final String EXECUTING_QUERY = "Executing SQL query [";

	private static final Pattern PARAMETER = Pattern.compile(
			"Setting SQL statement parameter value: column index (\\d+), parameter value \\[(.*)\\], value class \\[([^\\]]*)\\]",
			Pattern.DOTALL);

	private final Logger statements = (Logger) LoggerFactory.getLogger("org.springframework.jdbc.core.JdbcTemplate");

	private final Logger parameters = (Logger) LoggerFactory
		.getLogger("org.springframework.jdbc.core.StatementCreatorUtils");

	private final Level statementsLevel = statements.getLevel();

	private final Level parametersLevel = parameters.getLevel();

	private final boolean statementsAdditive = statements.isAdditive();

	private final boolean parametersAdditive = parameters.isAdditive();

	private final List<Statement> captured = new ArrayList<>();

	private StatementCapture() {
	}

	/**
	 * Starts capturing; {@link #close()} stops and puts the loggers back as they were.
	 */
	static StatementCapture begin() {
		StatementCapture capture = new StatementCapture();
		capture.setContext(capture.statements.getLoggerContext());
		capture.setName("bench-statement-capture");
		capture.attach();
		return capture;
	}

	private void attach() {
		start();
		statements.addAppender(this);
		parameters.addAppender(this);
		// captured, not printed
		statements.setAdditive(false);
		parameters.setAdditive(false);
		statements.setLevel(Level.DEBUG);
		parameters.setLevel(Level.TRACE);
	}

	@Override
	protected synchronized void append(ILoggingEvent event) {
		String message = event.getFormattedMessage();
		if (message.startsWith(EXECUTING_PREPARED) || message.startsWith(EXECUTING_QUERY)) {
			String prefix = message.startsWith(EXECUTING_PREPARED) ? EXECUTING_PREPARED : EXECUTING_QUERY;
			captured.add(new Statement(message.substring(prefix.length(), message.length() - 1), new ArrayList<>(),
					new ArrayList<>()));
			return;
		}
		Matcher parameter = PARAMETER.matcher(message);
		if (parameter.find() && !captured.isEmpty()) {
			Statement last = captured.get(captured.size() - 1);
			last.values().add(parameter.group(2));
			last.classes().add(parameter.group(3));
		}
	}

	/** What was captured since the last call. */
	synchronized List<Statement> drain() {
		List<Statement> drained = List.copyOf(captured);
		captured.clear();
		return drained;
	}

	@Override
	public void close() {
		statements.setLevel(statementsLevel);
		parameters.setLevel(parametersLevel);
		statements.setAdditive(statementsAdditive);
		parameters.setAdditive(parametersAdditive);
		statements.detachAppender(this);
		parameters.detachAppender(this);
		stop();
	}

}
