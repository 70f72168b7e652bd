package dev.probes.autoconfigure;

import java.beans.PropertyDescriptor;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Reports an unknown {@code probes.*} key, such as a misspelt {@code timout}, with the key
 * meant. Unlike Spring Boot's generic report it never prints the value: a misspelt
 * {@code pasword} would otherwise end up in the log.
 */
class UnknownPropertyFailureAnalyzer extends AbstractFailureAnalyzer<UnboundConfigurationPropertiesException>
		implements Ordered {

	private static final String PREFIX = "probes.";

	private static final String DEPENDENCY_PREFIX = "probes.dependencies.";

	private static final int MAX_TYPO_DISTANCE = 3;

	@Override
	public int getOrder() {
		// Ahead of Spring Boot's own analyzer for unbound properties.
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, UnboundConfigurationPropertiesException cause) {
		Set<ConfigurationProperty> unbound = cause.getUnboundProperties();
		if (unbound.isEmpty() || !unbound.stream().allMatch((property) -> property.getName().toString().startsWith(PREFIX))) {
			return null;
		}
		List<String> names = unbound.stream().map((property) -> property.getName().toString()).sorted().toList();
		String description = names.stream()
			.map((name) -> "Unknown key '" + name + "'" + origin(unbound, name))
			.collect(Collectors.joining("\n"));
		String action = names.stream().map(UnknownPropertyFailureAnalyzer::fix).collect(Collectors.joining("\n"))
				+ "\nThe keys are listed in Probes' configuration reference (docs/configuration.md).";
		return new FailureAnalysis(description, action, cause);
	}

	private static String origin(Set<ConfigurationProperty> unbound, String name) {
		return unbound.stream()
			.filter((property) -> property.getName().toString().equals(name) && property.getOrigin() != null)
			.findFirst()
			.map((property) -> " (from " + property.getOrigin() + ")")
			.orElse("");
	}

	private static String fix(String name) {
		String suggestion = suggest(name);
		return (suggestion != null) ? "Did you mean '" + suggestion + "'? Rename '" + name + "'."
				: "Remove '" + name + "' or correct its spelling.";
	}

	private static @Nullable String suggest(String name) {
		List<String> keys;
		String base;
		String key;
		if (name.startsWith(DEPENDENCY_PREFIX) && name.indexOf('.', DEPENDENCY_PREFIX.length()) > 0) {
			int dot = name.indexOf('.', DEPENDENCY_PREFIX.length());
			base = name.substring(0, dot + 1);
			key = name.substring(dot + 1);
			keys = keysOf(ProbesProperties.Dependency.class);
		}
		else {
			base = PREFIX;
			key = name.substring(PREFIX.length());
			keys = keysOf(ProbesProperties.class);
		}
		String head = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
		String best = null;
		int bestDistance = MAX_TYPO_DISTANCE + 1;
		for (String candidate : keys) {
			int distance = distance(head, candidate);
			if (distance < bestDistance) {
				best = candidate;
				bestDistance = distance;
			}
		}
		return (best != null) ? base + best + key.substring(head.length()) : null;
	}

	private static List<String> keysOf(Class<?> type) {
		return Arrays.stream(BeanUtils.getPropertyDescriptors(type))
			.map(PropertyDescriptor::getName)
			.filter((name) -> !name.equals("class"))
			.map((name) -> name.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT))
			.toList();
	}

	/** Levenshtein distance: how many edits turn one key into the other. */
	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}
