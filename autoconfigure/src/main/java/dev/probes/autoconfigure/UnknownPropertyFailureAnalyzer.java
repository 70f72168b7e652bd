package dev.probes.autoconfigure;

import java.beans.PropertyDescriptor;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.util.ReflectionUtils;

/**
 * Reports an unknown {@code probes.*} key, such as a misspelt {@code timout}, with the
 * key meant. Unlike Spring Boot's generic report it never prints the value: a misspelt
 * {@code pasword} would otherwise end up in the log.
 */
class UnknownPropertyFailureAnalyzer extends AbstractFailureAnalyzer<UnboundConfigurationPropertiesException>
		implements Ordered {

	private static final String PREFIX = MergedAnnotations.from(ProbesProperties.class)
		.get(ConfigurationProperties.class)
		.getString("prefix") + ".";

	/**
	 * Pattern segment standing for one element of the user's choosing, such as a map key.
	 */
	private static final String ANY = "*";

	/** Pattern segment standing for the rest of the name, such as a header name. */
	private static final String REST = "**";

	/**
	 * Every key {@link ProbesProperties} binds, one list of dashed segments per key.
	 * Taken from the class rather than the configuration metadata, which has no keys
	 * under a map such as {@code probes.dependencies.*}.
	 */
	private static final List<List<String>> KEYS = keysOf(ProbesProperties.class);

	@Override
	public int getOrder() {
		// Ahead of Spring Boot's own analyzer for unbound properties.
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, UnboundConfigurationPropertiesException cause) {
		Set<ConfigurationProperty> unbound = cause.getUnboundProperties();
		if (unbound.isEmpty()
				|| !unbound.stream().allMatch((property) -> property.getName().toString().startsWith(PREFIX))) {
			return null;
		}
		List<ConfigurationPropertyName> names = unbound.stream().map(ConfigurationProperty::getName).sorted().toList();
		String description = names.stream()
			.map((name) -> "Unknown key '" + name + "'" + origin(unbound, name))
			.collect(Collectors.joining("\n"));
		String action = names.stream().map(UnknownPropertyFailureAnalyzer::fix).collect(Collectors.joining("\n"))
				+ "\nThe keys are listed in Probes' configuration reference (docs/configuration.md).";
		return new FailureAnalysis(description, action, cause);
	}

	private static String origin(Set<ConfigurationProperty> unbound, ConfigurationPropertyName name) {
		return unbound.stream()
			.filter((property) -> property.getName().equals(name) && property.getOrigin() != null)
			.findFirst()
			.map((property) -> " (from " + property.getOrigin() + ")")
			.orElse("");
	}

	private static String fix(ConfigurationPropertyName name) {
		String suggestion = suggest(name);
		return (suggestion != null) ? "Did you mean '" + suggestion + "'? Rename '" + name + "'."
				: "Remove '" + name + "' or correct its spelling.";
	}

	/**
	 * Returns the known key closest to the name, every segment corrected, or {@code null}
	 * when no key is within a typo of it.
	 */
	static @Nullable String suggest(ConfigurationPropertyName name) {
		List<String> best = null;
		int bestDistance = Integer.MAX_VALUE;
		for (List<String> key : KEYS) {
			int distance = distance(key, name);
			if (distance >= 0 && distance < bestDistance) {
				best = key;
				bestDistance = distance;
			}
		}
		// Distance 0 would suggest the name itself: the key is known but could not bind
		// here.
		return (best != null && bestDistance > 0) ? spell(best, name) : null;
	}

	/** Sum of the segments' typo distances, or -1 when a segment is not a typo away. */
	private static int distance(List<String> key, ConfigurationPropertyName name) {
		int elements = name.getNumberOfElements();
		int total = 0;
		for (int i = 0; i < key.size(); i++) {
			String segment = key.get(i);
			if (i >= elements) {
				return -1;
			}
			if (segment.equals(REST)) {
				return total;
			}
			if (!segment.equals(ANY)) {
				String expected = segment.replace("-", "");
				int distance = Typos.distance(name.getElement(i, Form.UNIFORM).toLowerCase(Locale.ROOT), expected);
				if (distance > Typos.maxDistance(expected)) {
					return -1;
				}
				total += distance;
			}
		}
		return (key.size() == elements) ? total : -1;
	}

	/** The key with the user's own map keys and indexes in place of its wildcards. */
	private static String spell(List<String> key, ConfigurationPropertyName name) {
		StringBuilder result = new StringBuilder();
		for (int i = 0; i < name.getNumberOfElements(); i++) {
			String segment = (i < key.size()) ? key.get(i) : REST;
			String element = (segment.equals(ANY) || segment.equals(REST)) ? name.subName(i).chop(1).toString()
					: segment;
			if (!result.isEmpty() && !element.startsWith("[")) {
				result.append('.');
			}
			result.append(element);
		}
		return result.toString();
	}

	private static List<List<String>> keysOf(Class<?> root) {
		List<List<String>> keys = new ArrayList<>();
		List<String> prefix = List.of(PREFIX.substring(0, PREFIX.length() - 1).split("\\."));
		collect(root, root, prefix, new HashSet<>(), keys);
		return List.copyOf(keys);
	}

	private static void collect(Class<?> root, Class<?> type, List<String> path, Set<Class<?>> visiting,
			List<List<String>> keys) {
		if (!visiting.add(type)) {
			return;
		}
		for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
			Method getter = descriptor.getReadMethod();
			if (getter == null || getter.getDeclaringClass() == Object.class) {
				continue;
			}
			List<String> key = append(path, DataObjectPropertyName.toDashedForm(descriptor.getName()));
			ResolvableType propertyType = ResolvableType.forMethodReturnType(getter, type);
			Field field = ReflectionUtils.findField(type, descriptor.getName());
			if (propertyType.asMap() != ResolvableType.NONE) {
				collectElements(root, propertyType.asMap().getGeneric(1), key, visiting, keys);
			}
			else if (propertyType.isArray() || propertyType.asCollection() != ResolvableType.NONE) {
				ResolvableType element = propertyType.isArray() ? propertyType.getComponentType()
						: propertyType.asCollection().getGeneric(0);
				collectElements(root, element, key, visiting, keys);
			}
			else if (isNested(root, propertyType.resolve(Object.class), getter, field)) {
				collect(root, propertyType.resolve(Object.class), key, visiting, keys);
			}
			else {
				keys.add(key);
			}
		}
		visiting.remove(type);
	}

	private static void collectElements(Class<?> root, ResolvableType element, List<String> path,
			Set<Class<?>> visiting, List<List<String>> keys) {
		Class<?> type = element.resolve(Object.class);
		if (isNested(root, type, null, null)) {
			collect(root, type, append(path, ANY), visiting, keys);
		}
		else {
			// A map of values takes keys with dots in them: 'headers.x.y' is the header
			// 'x.y'.
			keys.add(append(path, REST));
		}
	}

	/**
	 * Whether the type is a group of keys rather than a value, by the rule of Spring
	 * Boot's configuration processor: declared within the properties class, or marked
	 * nested.
	 */
	private static boolean isNested(Class<?> root, Class<?> type, @Nullable AnnotatedElement getter,
			@Nullable AnnotatedElement field) {
		if (isMarkedNested(getter) || isMarkedNested(field)) {
			return true;
		}
		return !type.isEnum() && !type.isPrimitive() && !type.isArray() && topLevel(type) == topLevel(root);
	}

	private static boolean isMarkedNested(@Nullable AnnotatedElement element) {
		return element != null && element.isAnnotationPresent(NestedConfigurationProperty.class);
	}

	private static Class<?> topLevel(Class<?> type) {
		Class<?> result = type;
		while (result.getEnclosingClass() != null) {
			result = result.getEnclosingClass();
		}
		return result;
	}

	private static List<String> append(List<String> path, String segment) {
		List<String> result = new ArrayList<>(path);
		result.add(segment);
		return result;
	}

}
