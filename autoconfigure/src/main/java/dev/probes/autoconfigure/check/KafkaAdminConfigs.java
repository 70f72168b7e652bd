package dev.probes.autoconfigure.check;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.NoUniqueBeanDefinitionException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.util.ClassUtils;

import dev.probes.check.DependencyDeclaration;
import dev.probes.check.InvalidPropertyException;
import dev.probes.check.Redactor;

/**
 * The configuration of a {@code kafka} check's Admin client, taken from the
 * application's: the configuration of its Spring Kafka {@code KafkaAdmin} bean where it
 * has one (Spring Boot's, built from {@code spring.kafka.*}, SSL bundles and connection
 * details), so that its SSL and SASL settings apply; otherwise
 * {@code spring.kafka.bootstrap-servers}. A declared {@code bootstrap-servers} replaces
 * the servers and nothing else.
 *
 * <p>
 * Uses no Kafka client type, so that the start-up wait can ask for the servers' addresses
 * without the Kafka client on the class path; Spring Kafka is looked at only when
 * present.
 */
final class KafkaAdminConfigs {

	private static final String BOOTSTRAP_SERVERS = "bootstrap.servers";

	private static final String CLIENT_ID = "client.id";

	private static final String KAFKA_ADMIN = "org.springframework.kafka.core.KafkaAdmin";

	private static final String APPLICATION_SERVERS = "spring.kafka.bootstrap-servers";

	private static final String EXAMPLE = "kafka:9092";

	/** {@code host:port} or {@code [IPv6]:port}. */
	private static final Pattern HOST_PORT = Pattern
		.compile("(\\[[0-9a-fA-F:.%\\w]+\\]|[^:/\\[\\]\\s@]+):([0-9]{1,5})");

	private final BeanFactory beanFactory;

	private final Environment environment;

	private final @Nullable ClassLoader classLoader;

	/**
	 * Create a source of configurations.
	 * @param beanFactory where a {@code KafkaAdmin} bean is looked up
	 * @param environment where {@code spring.kafka.bootstrap-servers} is read
	 * @param classLoader the application's class loader, which decides whether Spring
	 * Kafka is present
	 */
	KafkaAdminConfigs(BeanFactory beanFactory, Environment environment, @Nullable ClassLoader classLoader) {
		this.beanFactory = beanFactory;
		this.environment = environment;
		this.classLoader = classLoader;
	}

	/**
	 * Return the Admin client configuration for a declared dependency, or fail naming the
	 * property.
	 * @param declaration the declared dependency
	 * @return the configuration, with {@code bootstrap.servers} as a list of
	 * {@code host:port} and a {@code client.id} of its own
	 */
	Map<String, Object> of(DependencyDeclaration<KafkaCheckProperties> declaration) {
		List<String> declared = declaredServers(declaration);
		Map<String, Object> config = new HashMap<>();
		Map<String, Object> application = applicationConfig(declaration);
		if (application != null) {
			config.putAll(application);
		}
		else {
			List<String> servers = this.environment.containsProperty(APPLICATION_SERVERS)
					? Binder.get(this.environment).bind(APPLICATION_SERVERS, Bindable.listOf(String.class)).orElse(null)
					: null;
			if (servers != null && !servers.isEmpty()) {
				config.put(BOOTSTRAP_SERVERS, servers);
			}
		}
		if (declared != null) {
			config.put(BOOTSTRAP_SERVERS, declared);
		}
		if (servers(config).isEmpty()) {
			throw declaration.invalid("bootstrap-servers", "the application has no Kafka configuration to check",
					"Configure one with '" + APPLICATION_SERVERS + "', or set '"
							+ declaration.property("bootstrap-servers") + "'.");
		}
		// The brokers and the client's metrics tell the check's connections apart by it,
		// and
		// the application's own admin client keeps its id (and its JMX name) to itself.
		config.put(CLIENT_ID, "probes-" + declaration.name());
		return config;
	}

	/**
	 * Return the address of the first bootstrap server of a declared dependency: what the
	 * start-up wait watches.
	 * @param declaration the declared dependency
	 * @return the unresolved address, or {@code null} when the configuration names none
	 */
	List<InetSocketAddress> bootstrapAddresses(DependencyDeclaration<KafkaCheckProperties> declaration) {
		try {
			return servers(of(declaration)).stream().map(KafkaAdminConfigs::address).filter(Objects::nonNull).toList();
		}
		catch (RuntimeException ex) {
			// A bad declaration fails start-up where the check is created.
			return List.of();
		}
	}

	/**
	 * Return the {@code host:port} entries of a configuration's
	 * {@code bootstrap.servers}, which Spring Boot gives as a list and the Kafka client
	 * also takes as a comma-separated string.
	 * @param config the Admin client configuration
	 * @return the entries
	 */
	static List<String> servers(Map<String, Object> config) {
		Object value = config.get(BOOTSTRAP_SERVERS);
		Collection<?> entries = (value instanceof Collection<?> collection) ? collection
				: (value != null) ? Arrays.asList(value.toString().split(",")) : List.of();
		List<String> servers = new ArrayList<>();
		for (Object entry : entries) {
			String server = String.valueOf(entry).strip();
			if (!server.isEmpty()) {
				servers.add(server);
			}
		}
		return servers;
	}

	/**
	 * Return the host names of bootstrap servers, as the Kafka client reads them (it
	 * ignores a {@code PROTOCOL://} in front).
	 * @param servers the {@code host:port} entries
	 * @return the hosts
	 */
	static List<String> hosts(List<String> servers) {
		List<String> hosts = new ArrayList<>();
		for (String server : servers) {
			InetSocketAddress address = address(server);
			if (address != null) {
				hosts.add(address.getHostString());
			}
		}
		return hosts;
	}

	private static @Nullable InetSocketAddress address(String server) {
		int scheme = server.indexOf("://");
		Matcher matcher = HOST_PORT.matcher((scheme >= 0) ? server.substring(scheme + 3) : server);
		if (!matcher.matches()) {
			return null;
		}
		int port = Integer.parseInt(matcher.group(2));
		String host = matcher.group(1);
		if (host.startsWith("[")) {
			host = host.substring(1, host.length() - 1);
		}
		return (port >= 1 && port <= 65535) ? InetSocketAddress.createUnresolved(host, port) : null;
	}

	private static @Nullable List<String> declaredServers(DependencyDeclaration<KafkaCheckProperties> declaration) {
		List<String> declared = declaration.settings().getBootstrapServers();
		if (declared == null) {
			return null;
		}
		String property = declaration.property("bootstrap-servers");
		List<String> servers = new ArrayList<>();
		for (String entry : declared) {
			String server = entry.strip();
			if (server.contains("://")) {
				InetSocketAddress address = address(server);
				throw declaration.invalid("bootstrap-servers",
						"'" + Redactor.scrub(server) + "' is a URL, not host:port",
						"Set '" + property + "' to "
								+ ((address != null) ? address.getHostString() + ":" + address.getPort() : "host:port")
								+ ".");
			}
			if (address(server) == null) {
				throw declaration.invalid("bootstrap-servers", "'" + server + "' is not host:port",
						"Set '" + property + "' to host:port pairs such as " + EXAMPLE + ".");
			}
			servers.add(server);
		}
		if (servers.isEmpty()) {
			throw declaration.invalid("bootstrap-servers", "it is empty",
					"Set '" + property + "' to host:port pairs such as " + EXAMPLE
							+ ", or remove it for the application's (" + APPLICATION_SERVERS + ").");
		}
		return servers;
	}

	private @Nullable Map<String, Object> applicationConfig(DependencyDeclaration<KafkaCheckProperties> declaration) {
		if (!ClassUtils.isPresent(KAFKA_ADMIN, this.classLoader)) {
			return null;
		}
		return SpringKafkaAdmin.configOf(this.beanFactory, declaration);
	}

	/**
	 * Reads the configuration of the application's {@code KafkaAdmin}; a class of its
	 * own, loaded only when Spring Kafka is present.
	 */
	private static final class SpringKafkaAdmin {

		static @Nullable Map<String, Object> configOf(BeanFactory beanFactory,
				DependencyDeclaration<KafkaCheckProperties> declaration) {
			try {
				return beanFactory.getBean(KafkaAdmin.class).getConfigurationProperties();
			}
			catch (NoUniqueBeanDefinitionException ex) {
				throw new InvalidPropertyException("probes.dependencies." + declaration.name(),
						"the application has several KafkaAdmin beans and none is primary",
						"Mark the KafkaAdmin bean whose cluster to check @Primary: the check takes its"
								+ " configuration, SSL and SASL settings included.");
			}
			catch (NoSuchBeanDefinitionException ex) {
				return null;
			}
		}

	}

}
