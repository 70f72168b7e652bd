package dev.probes.autoconfigure;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.probes.autoconfigure.ProbesProperties.Dependency;

/**
 * A dependency as declared under {@code probes.dependencies.<name>}, with helpers that
 * reject bad values naming the exact property.
 *
 * @param name the dependency's name
 * @param properties its bound properties
 */
public record DependencyDeclaration(String name, Dependency properties) {

	private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

	/**
	 * Return the full name of one of this dependency's properties.
	 * @param key the key, such as {@code url}
	 * @return for example {@code probes.dependencies.payments.url}
	 */
	public String property(String key) {
		return "probes.dependencies." + this.name + "." + key;
	}

	/**
	 * Return a required value, or fail naming the property.
	 * @param key the key, such as {@code host}
	 * @param value its bound value
	 * @param <T> the value's type
	 * @return the value
	 */
	public <T> T require(String key, @Nullable T value) {
		if (value == null || (value instanceof String text && text.isBlank())) {
			throw new InvalidDependencyException(property(key),
					"a '" + this.properties.getType() + "' dependency needs it",
					"Set '" + property(key) + "'.");
		}
		return value;
	}

	/**
	 * Fail naming the property.
	 * @param key the key
	 * @param problem what is wrong
	 * @param action how to fix it
	 * @return never returns
	 */
	public InvalidDependencyException invalid(String key, String problem, String action) {
		return new InvalidDependencyException(property(key), problem, action);
	}

	static boolean isValidName(String name) {
		return NAME.matcher(name).matches();
	}

}
