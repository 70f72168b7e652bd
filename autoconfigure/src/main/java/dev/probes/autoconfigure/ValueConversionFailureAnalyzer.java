package dev.probes.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.util.ClassUtils;

/**
 * Reports a {@code probes.*} value of the wrong kind, such as {@code port: abc} or
 * {@code timeout: soon}, with the kind of value the property takes. Spring Boot's own
 * report names the property too, but its action is only "Update your application's
 * configuration".
 */
class ValueConversionFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

	private static final String PREFIX = "probes.";

	@Override
	public int getOrder() {
		// Ahead of Spring Boot's own analyzer for bind failures.
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		String name = cause.getName().toString();
		if (!name.startsWith(PREFIX) || findCause(cause, ConversionFailedException.class) == null) {
			return null;
		}
		Kind kind = Kind.of(cause.getTarget().getType().resolve(Object.class));
		ConfigurationProperty property = cause.getProperty();
		String value = (property != null) ? "'" + property.getValue() + "'" : "the value";
		String origin = (property != null && property.getOrigin() != null) ? " (from " + property.getOrigin() + ")"
				: "";
		return new FailureAnalysis("Invalid '" + name + "': " + value + " is not " + kind.description + origin,
				"Set '" + name + "' to " + kind.example + ".", cause);
	}

	/**
	 * The kinds of value that {@link ProbesProperties} binds, as a user would name them.
	 */
	private enum Kind {

		WHOLE_NUMBER("a whole number", "a whole number, without a unit"),

		NUMBER("a number", "a number such as 0.2 or 2"),

		DURATION("a duration", "a duration such as 500ms, 10s or 2m"),

		BOOLEAN("true or false", "true or false"),

		OTHER("of the kind the property takes", "a value of the kind listed in docs/configuration.md");

		private final String description;

		private final String example;

		Kind(String description, String example) {
			this.description = description;
			this.example = example;
		}

		static Kind of(Class<?> type) {
			Class<?> boxed = ClassUtils.resolvePrimitiveIfNecessary(type);
			if (boxed == Integer.class || boxed == Long.class || boxed == Short.class) {
				return WHOLE_NUMBER;
			}
			if (boxed == Double.class || boxed == Float.class) {
				return NUMBER;
			}
			if (boxed == Duration.class) {
				return DURATION;
			}
			return (boxed == Boolean.class) ? BOOLEAN : OTHER;
		}

	}

}
