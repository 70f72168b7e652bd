package dev.probes.autoconfigure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import dev.probes.autoconfigure.ProbesProperties.Dependency;

/**
 * The keys of {@code probes.dependencies.<name>} that only some types read, and whether a
 * declaration sets each. A key that the type does not read, such as a {@code host} on an
 * {@code http} dependency, is a mistake that binding alone would let pass unnoticed.
 */
final class TypeSpecificKeys {

	/** Values left at their defaults count as not set. */
	private static final Dependency DEFAULTS = new Dependency();

	private static final Map<String, Predicate<Dependency>> KEYS = keys();

	private TypeSpecificKeys() {
	}

	/**
	 * Fail naming the first key that is set but not read by the dependency's type.
	 * @param declaration the declared dependency
	 * @param factory the factory of its type
	 */
	static void rejectUnread(DependencyDeclaration declaration, DependencyCheckFactory factory) {
		Set<String> read = factory.keys();
		if (read == null) {
			return;
		}
		KEYS.forEach((key, isSet) -> {
			if (isSet.test(declaration.properties()) && !read.contains(key)) {
				String type = factory.type();
				String takes = KEYS.keySet().stream().filter(read::contains).collect(Collectors.joining(", "));
				throw declaration.invalid(key, "a '" + type + "' dependency does not read '" + key + "'",
						"Remove '" + declaration.property(key) + "', or correct the type"
								+ (takes.isEmpty() ? "" : ": a '" + type + "' dependency takes " + takes) + ".");
			}
		});
	}

	private static Map<String, Predicate<Dependency>> keys() {
		Map<String, Predicate<Dependency>> keys = new LinkedHashMap<>();
		keys.put("url", (dependency) -> dependency.getUrl() != null);
		keys.put("data-source", (dependency) -> dependency.getDataSource() != null);
		keys.put("connection-factory", (dependency) -> dependency.getConnectionFactory() != null);
		keys.put("username", (dependency) -> dependency.getUsername() != null);
		keys.put("password", (dependency) -> dependency.getPassword() != null);
		keys.put("query", (dependency) -> dependency.getQuery() != null);
		keys.put("expected-status",
				(dependency) -> !dependency.getExpectedStatus().equals(DEFAULTS.getExpectedStatus()));
		keys.put("headers", (dependency) -> !dependency.getHeaders().isEmpty());
		keys.put("host", (dependency) -> dependency.getHost() != null);
		keys.put("port", (dependency) -> dependency.getPort() != null);
		keys.put("min-addresses", (dependency) -> dependency.getMinAddresses() != DEFAULTS.getMinAddresses());
		keys.put("server", (dependency) -> dependency.getServer() != null);
		keys.put("contributor", (dependency) -> dependency.getContributor() != null);
		keys.put("bootstrap-servers", (dependency) -> dependency.getBootstrapServers() != null);
		keys.put("min-brokers", (dependency) -> dependency.getMinBrokers() != DEFAULTS.getMinBrokers());
		return Collections.unmodifiableMap(keys);
	}

}
