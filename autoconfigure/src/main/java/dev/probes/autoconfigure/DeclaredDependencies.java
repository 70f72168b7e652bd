package dev.probes.autoconfigure;

import java.beans.PropertyDescriptor;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.core.env.Environment;

import dev.probes.autoconfigure.ProbesProperties.Dependency;
import dev.probes.check.DependencyCheckFactory;
import dev.probes.check.DependencyDeclaration;
import dev.probes.check.Durations;
import dev.probes.check.InvalidPropertyException;
import dev.probes.check.PropertyRules;
import dev.probes.engine.CheckSettings;

/**
 * The dependencies declared under {@code probes.dependencies}, each bound to the settings
 * of its type and validated: what the checks, the start-up wait and its watch are made
 * from. Every key of {@code probes.*} that neither {@link ProbesProperties} nor a type's
 * settings bind fails start-up here.
 */
final class DeclaredDependencies {

	/**
	 * Built-in types whose factory is only present with a client library. They are known
	 * types either way: a report names them, and asks for the library when one is used.
	 */
	private static final Map<String, String> CLIENT_LIBRARIES = Map.of("jdbc", "a JDBC driver and java.sql", "redis",
			"Spring Data Redis (spring-boot-starter-data-redis)", "amqp", "Spring AMQP (spring-boot-starter-amqp)",
			"kafka", "the Kafka client (spring-boot-starter-kafka or org.apache.kafka:kafka-clients)");

	/** Names taken by Spring Boot's health groups. */
	private static final Set<String> RESERVED_NAMES = Set.of("liveness", "readiness");

	private static final String PREFIX = "probes.dependencies.";

	private final List<DeclaredDependency<?>> dependencies;

	private DeclaredDependencies(List<DeclaredDependency<?>> dependencies) {
		this.dependencies = dependencies;
	}

	/**
	 * Bind and validate the declared dependencies.
	 * @param properties the bound {@code probes.*} properties
	 * @param environment where the keys of each type are bound from
	 * @param factories the factory of each type, the first one of a type winning
	 * @return the dependencies
	 */
	static DeclaredDependencies bind(ProbesProperties properties, Environment environment,
			List<DependencyCheckFactory<?>> factories) {
		Map<String, DependencyCheckFactory<?>> byType = new LinkedHashMap<>();
		factories.forEach((factory) -> byType.putIfAbsent(factory.type(), factory));
		BoundKeys keys = new BoundKeys(environment);
		keys.bind("probes", ProbesProperties.class);
		List<DeclaredDependency<?>> dependencies = new ArrayList<>();
		for (String name : names(properties, keys)) {
			validateName(name);
			Dependency dependency = properties.getDependencies().getOrDefault(name, new Dependency());
			if (dependency.getType() == null || dependency.getType().isBlank()) {
				// A misspelt 'type' is a likelier mistake than a missing one.
				rejectMisspelt(name, keys.unbound(PREFIX + name));
			}
			DependencyCheckFactory<?> factory = factory(name, dependency, byType);
			dependencies.add(declare(name, dependency, factory, keys));
		}
		Set<ConfigurationProperty> unbound = keys.unbound("probes");
		for (DeclaredDependency<?> dependency : dependencies) {
			rejectUnread(dependency, unbound);
		}
		BoundKeys.reject(unbound);
		return new DeclaredDependencies(List.copyOf(dependencies));
	}

	/**
	 * The declared names: those that bound a key every type shares, and those that only
	 * set keys of their type (a {@code url} and no {@code type}), which must fail for
	 * their missing type rather than as unknown keys.
	 */
	private static Set<String> names(ProbesProperties properties, BoundKeys keys) {
		Set<String> names = new LinkedHashSet<>(properties.getDependencies().keySet());
		for (String child : keys.children("probes.dependencies")) {
			if (names.stream().noneMatch((name) -> name.equalsIgnoreCase(child))) {
				names.add(child);
			}
		}
		return names;
	}

	/**
	 * Fail naming the first key of a dependency that is a typo of a key every type
	 * shares.
	 */
	private static void rejectMisspelt(String name, Set<ConfigurationProperty> unbound) {
		ConfigurationPropertyName root = ConfigurationPropertyName.of(PREFIX + name);
		Set<String> shared = keysOf(Dependency.class);
		for (ConfigurationProperty property : unbound) {
			String key = property.getName().subName(root.getNumberOfElements()).toString();
			String meant = closest(property.getName(), root, shared);
			if (meant != null) {
				String misspelt = property.getName().toString();
				throw new InvalidPropertyException(misspelt, "'" + key + "' is not a key" + origin(property),
						"Did you mean '" + PREFIX + name + "." + meant + "'? Rename '" + misspelt + "'.");
			}
		}
	}

	/**
	 * Return the key meant by a misspelt one, matching its first element only: in
	 * {@code hedaers.x-token} the header's name is the user's own.
	 */
	private static @Nullable String closest(ConfigurationPropertyName name, ConfigurationPropertyName root,
			Set<String> keys) {
		ConfigurationPropertyName key = name.subName(root.getNumberOfElements());
		// Compared without dashes, as binding does: 'intervalWhenDwn' is
		// 'interval-when-down'.
		Map<String, String> byUniform = new LinkedHashMap<>();
		keys.forEach((candidate) -> byUniform.put(candidate.replace("-", ""), candidate));
		String meant = Typos.closest(key.getElement(0, Form.UNIFORM).toLowerCase(Locale.ROOT), byUniform.keySet());
		if (meant == null) {
			return null;
		}
		String dashed = byUniform.get(meant);
		return (key.getNumberOfElements() > 1) ? dashed + "." + key.subName(1) : dashed;
	}

	private static String origin(ConfigurationProperty property) {
		return (property.getOrigin() != null) ? " (from " + property.getOrigin() + ")" : "";
	}

	List<DeclaredDependency<?>> all() {
		return this.dependencies;
	}

	/**
	 * Return where each dependency accepts connections, where there is such a place.
	 * @return the addresses, by dependency name
	 */
	Map<String, List<InetSocketAddress>> addresses() {
		Map<String, List<InetSocketAddress>> addresses = new LinkedHashMap<>();
		for (DeclaredDependency<?> dependency : this.dependencies) {
			List<InetSocketAddress> watched = dependency.addresses();
			if (!watched.isEmpty()) {
				addresses.put(dependency.name(), watched);
			}
		}
		return addresses;
	}

	/**
	 * Return what to do when a dependency failed for good at start-up, as its type tells
	 * it.
	 * @param name the dependency's name
	 * @param details the details of its latest result
	 * @return the action, or {@code null} for a dependency not declared here
	 */
	@Nullable String permanentFailureAction(String name, Map<String, Object> details) {
		for (DeclaredDependency<?> dependency : this.dependencies) {
			if (dependency.name().equals(name)) {
				return dependency.permanentFailureAction(details);
			}
		}
		return null;
	}

	/**
	 * Return the address of each critical dependency of a type: for {@code http}, what a
	 * request that the application makes while it starts must wait for.
	 * @param type the type
	 * @return the addresses
	 */
	Set<InetSocketAddress> criticalAddresses(String type) {
		Set<InetSocketAddress> addresses = new LinkedHashSet<>();
		for (DeclaredDependency<?> dependency : this.dependencies) {
			if (dependency.type().equals(type) && dependency.settings().critical()) {
				addresses.addAll(dependency.addresses());
			}
		}
		return addresses;
	}

	private static <S> DeclaredDependency<S> declare(String name, Dependency dependency,
			DependencyCheckFactory<S> factory, BoundKeys keys) {
		CheckSettings settings = settings(name, dependency);
		S typeSettings = keys.bind(PREFIX + name, factory.settingsType());
		DependencyDeclaration<S> declaration = new DependencyDeclaration<>(name, factory.type(),
				dependency.getTimeout(), typeSettings);
		return new DeclaredDependency<>(declaration, factory, settings);
	}

	private static void validateName(String name) {
		String property = PREFIX + name;
		if (!DependencyNames.isValid(name)) {
			throw new InvalidPropertyException(property,
					"'" + name + "' is not a valid dependency name: use lower-case letters, digits and '-'",
					"Rename the dependency, for example to '" + DependencyNames.suggest(name) + "'.");
		}
		if (RESERVED_NAMES.contains(name)) {
			throw new InvalidPropertyException(property, "'" + name + "' is the name of a health group",
					"Rename the dependency.");
		}
	}

	/**
	 * Validate the keys every type shares.
	 * @param name the dependency's name
	 * @param dependency its keys
	 * @return its schedule, timeout and thresholds
	 */
	static CheckSettings settings(String name, Dependency dependency) {
		String prefix = PREFIX + name + ".";
		PropertyRules.positive(prefix + "interval", dependency.getInterval(), "500ms or 10s");
		PropertyRules.positive(prefix + "interval-when-down", dependency.getIntervalWhenDown(), "500ms or 10s");
		PropertyRules.positive(prefix + "timeout", dependency.getTimeout(), "500ms or 10s");
		PropertyRules.atLeastOne(prefix + "failure-threshold", dependency.getFailureThreshold(),
				"consecutive attempts");
		PropertyRules.atLeastOne(prefix + "success-threshold", dependency.getSuccessThreshold(),
				"consecutive attempts");
		requireIntervalNotShorterThanTimeout(prefix, dependency);
		Duration maxStaleness = dependency.getMaxStaleness();
		if (maxStaleness != null) {
			PropertyRules.positive(prefix + "max-staleness", maxStaleness, "500ms or 10s");
			requireStalenessLongerThanACheck(prefix, dependency, maxStaleness);
		}
		else {
			// At least interval + 2 x timeout, as the interval is at least the timeout: a
			// slow yet
			// successful attempt never looks stale.
			maxStaleness = dependency.getInterval().multipliedBy(3);
		}
		PropertyRules.fraction(prefix + "jitter", dependency.getJitter(),
				"a fraction such as 0.1, or 0 for a fixed schedule");
		return new CheckSettings(dependency.isCritical(), dependency.getInterval(), dependency.getIntervalWhenDown(),
				dependency.getTimeout(), dependency.getFailureThreshold(), dependency.getSuccessThreshold(),
				maxStaleness, dependency.getJitter());
	}

	/**
	 * An interval shorter than the timeout would let one slow attempt outlast it: the
	 * next attempt would be due while one is still running, and the interval no longer
	 * holds.
	 */
	private static void requireIntervalNotShorterThanTimeout(String prefix, Dependency dependency) {
		Duration interval = dependency.getInterval();
		Duration timeout = dependency.getTimeout();
		if (interval.compareTo(timeout) < 0) {
			throw new InvalidPropertyException(prefix + "interval",
					Durations.format(interval) + " is shorter than the timeout (" + Durations.format(timeout)
							+ "): an attempt could still be running when the next one is due",
					"Set '" + prefix + "interval' to at least the timeout, or shorten '" + prefix + "timeout'.");
		}
	}

	/**
	 * While a dependency is up, its latest result is as old as one interval plus one
	 * attempt (at most the timeout) just before the next result: a shorter max-staleness
	 * would make an up dependency stale between every two checks.
	 */
	private static void requireStalenessLongerThanACheck(String prefix, Dependency dependency, Duration maxStaleness) {
		Duration check = dependency.getInterval().plus(dependency.getTimeout());
		if (maxStaleness.compareTo(check) <= 0) {
			throw new InvalidPropertyException(prefix + "max-staleness",
					Durations.format(maxStaleness) + " is not longer than interval + timeout ("
							+ Durations.format(check) + "): an up dependency would turn stale between two checks",
					"Set '" + prefix + "max-staleness' to more than " + Durations.format(check)
							+ ", or remove it for the default, 3 x interval.");
		}
	}

	private static DependencyCheckFactory<?> factory(String name, Dependency dependency,
			Map<String, DependencyCheckFactory<?>> factories) {
		String property = PREFIX + name + ".type";
		String type = dependency.getType();
		if (type == null || type.isBlank()) {
			throw new InvalidPropertyException(property, "every dependency needs a type",
					"Set '" + property + "' to one of " + knownTypes(factories) + ".");
		}
		DependencyCheckFactory<?> factory = factories.get(type);
		if (factory != null) {
			return factory;
		}
		String clientLibrary = CLIENT_LIBRARIES.get(type);
		if (clientLibrary != null) {
			throw new InvalidPropertyException(property,
					"type '" + type + "' needs " + clientLibrary + " on the classpath",
					"Add " + clientLibrary + " to the application's dependencies.");
		}
		String meant = Typos.closest(type.toLowerCase(Locale.ROOT), knownTypeNames(factories));
		throw new InvalidPropertyException(property, "'" + type + "' is not a known check type",
				((meant != null) ? "Did you mean '" + meant + "'? " : "") + "Use one of " + knownTypes(factories)
						+ ".");
	}

	private static String knownTypes(Map<String, DependencyCheckFactory<?>> factories) {
		return String.join(", ", knownTypeNames(factories));
	}

	private static Set<String> knownTypeNames(Map<String, DependencyCheckFactory<?>> factories) {
		Set<String> types = new TreeSet<>(factories.keySet());
		types.addAll(CLIENT_LIBRARIES.keySet());
		return types;
	}

	/**
	 * Fail naming the first key of the dependency that neither the shared keys nor its
	 * type's settings bound, such as a {@code url} on a {@code tcp} dependency.
	 */
	private static void rejectUnread(DeclaredDependency<?> dependency, Set<ConfigurationProperty> unbound) {
		ConfigurationPropertyName root = ConfigurationPropertyName.of(PREFIX + dependency.name());
		for (ConfigurationProperty property : unbound) {
			if (root.isAncestorOf(property.getName())) {
				String key = property.getName().subName(root.getNumberOfElements()).toString();
				String type = dependency.type();
				Set<String> typeKeys = keysOf(dependency.factory().settingsType());
				Set<String> allKeys = new TreeSet<>(keysOf(Dependency.class));
				allKeys.addAll(typeKeys);
				String meant = closest(property.getName(), root, allKeys);
				String name = property.getName().toString();
				throw new InvalidPropertyException(name,
						"'" + key + "' is not a key of type '" + type + "'" + origin(property),
						(meant != null)
								? "Did you mean '" + PREFIX + dependency.name() + "." + meant + "'? Rename '" + name
										+ "'."
								: "Remove '" + name + "', or correct the type: a '" + type + "' dependency takes "
										+ (typeKeys.isEmpty() ? "no key of its own" : String.join(", ", typeKeys))
										+ ".");
			}
		}
	}

	/**
	 * The keys a settings class binds: its JavaBean properties, in dashed form, in the
	 * order its fields (a superclass's first) declare them.
	 */
	static Set<String> keysOf(Class<?> settingsType) {
		Set<String> properties = Arrays.stream(BeanUtils.getPropertyDescriptors(settingsType))
			.filter((descriptor) -> descriptor.getReadMethod() != null
					&& descriptor.getReadMethod().getDeclaringClass() != Object.class)
			.map(PropertyDescriptor::getName)
			.collect(Collectors.toSet());
		List<Class<?>> hierarchy = new ArrayList<>();
		for (Class<?> type = settingsType; type != null && type != Object.class; type = type.getSuperclass()) {
			hierarchy.add(0, type);
		}
		Set<String> keys = new LinkedHashSet<>();
		for (Class<?> type : hierarchy) {
			for (Field field : type.getDeclaredFields()) {
				if (properties.remove(field.getName())) {
					keys.add(DataObjectPropertyName.toDashedForm(field.getName()));
				}
			}
		}
		properties.stream().sorted().map(DataObjectPropertyName::toDashedForm).forEach(keys::add);
		return keys;
	}

}
