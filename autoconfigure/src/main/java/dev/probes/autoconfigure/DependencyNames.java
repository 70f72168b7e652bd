package dev.probes.autoconfigure;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rule for a dependency's name: it becomes a health contributor's name, a metric tag
 * and a line of {@code /readyz?verbose}, so lower-case letters, digits and '-' only.
 */
final class DependencyNames {

	private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

	private DependencyNames() {
	}

	static boolean isValid(String name) {
		return NAME.matcher(name).matches();
	}

	/** A valid name close to the given one, to suggest in a report. */
	static String suggest(String name) {
		String suggestion = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
		return suggestion.isEmpty() ? "my-dependency" : suggestion;
	}

}
