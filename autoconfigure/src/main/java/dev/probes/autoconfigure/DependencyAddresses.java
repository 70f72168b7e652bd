package dev.probes.autoconfigure;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.jdbc.DataSourceUnwrapper;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

import dev.probes.autoconfigure.ProbesProperties.Dependency;
import dev.probes.autoconfigure.check.KafkaAdminConfigs;
import dev.probes.startup.UrlAddresses;

/**
 * Finds the host and port behind each declared dependency, where there is one: what the
 * start-up wait watches for connections between its attempts. A dependency without one (a
 * {@code dns} name, a health contributor, an in-memory database) is only checked.
 */
final class DependencyAddresses {

	/**
	 * {@code jdbc:<scheme>:[<subprotocol>:[@]]//<host>[:<port>]}, with IPv6 literals in
	 * brackets: the first host of a multi-host URL.
	 */
	private static final Pattern JDBC_URL = Pattern
		.compile("^jdbc:([a-z0-9]+):(?:[a-z]+:@?)?//(\\[[^\\]]+\\]|[^:/,;?\\[]+)(?::(\\d+))?");

	private static final Map<String, Integer> DEFAULT_PORTS = Map.of("postgresql", 5432, "mysql", 3306, "mariadb",
			3306, "sqlserver", 1433, "db2", 50000, "oracle", 1521);

	private static final String HIKARI = "com.zaxxer.hikari.HikariConfigMXBean";

	private static final String DATA_SOURCE_UNWRAPPER = "org.springframework.boot.jdbc.DataSourceUnwrapper";

	private DependencyAddresses() {
	}

	static Map<String, InetSocketAddress> of(ProbesProperties properties, BeanFactory beanFactory) {
		Map<String, InetSocketAddress> addresses = new LinkedHashMap<>();
		properties.getDependencies().forEach((name, dependency) -> {
			InetSocketAddress address = address(name, dependency, beanFactory);
			if (address != null) {
				addresses.put(name, address);
			}
		});
		return addresses;
	}

	/**
	 * Return the address of each critical {@code http} dependency: what a request that the
	 * application makes while it starts must wait for.
	 */
	static Set<InetSocketAddress> criticalHttp(ProbesProperties properties) {
		Set<InetSocketAddress> addresses = new LinkedHashSet<>();
		properties.getDependencies().forEach((name, dependency) -> {
			InetSocketAddress address = "http".equals(dependency.getType()) && dependency.isCritical()
					? UrlAddresses.of(dependency.getUrl()) : null;
			if (address != null) {
				addresses.add(address);
			}
		});
		return addresses;
	}

	private static @Nullable InetSocketAddress address(String name, Dependency dependency, BeanFactory beanFactory) {
		String type = String.valueOf(dependency.getType());
		return switch (type) {
			case "tcp" -> (dependency.getHost() != null && dependency.getPort() != null)
					? InetSocketAddress.createUnresolved(dependency.getHost(), dependency.getPort()) : null;
			case "http", "redis", "amqp" -> UrlAddresses.of(dependency.getUrl());
			case "jdbc" -> jdbcAddress((dependency.getUrl() != null) ? dependency.getUrl()
					: applicationJdbcUrl(dependency.getDataSource(), beanFactory));
			case "kafka" -> kafkaAddress(name, dependency, beanFactory);
			default -> null;
		};
	}

	/**
	 * Return the first bootstrap server of a {@code kafka} dependency: the cluster answers on
	 * any of them, and one is usually the Service in front of all the brokers.
	 */
	private static @Nullable InetSocketAddress kafkaAddress(String name, Dependency dependency,
			BeanFactory beanFactory) {
		ClassLoader classLoader = (beanFactory instanceof ConfigurableBeanFactory configurable)
				? configurable.getBeanClassLoader() : DependencyAddresses.class.getClassLoader();
		try {
			return new KafkaAdminConfigs(beanFactory, beanFactory.getBean(Environment.class), classLoader)
				.firstServer(name, dependency);
		}
		catch (BeansException ex) {
			return null;
		}
	}


	static @Nullable InetSocketAddress jdbcAddress(@Nullable String url) {
		if (url == null) {
			return null;
		}
		Matcher matcher = JDBC_URL.matcher(url);
		if (!matcher.find()) {
			return null;
		}
		String host = matcher.group(2);
		if (host.startsWith("[")) {
			host = host.substring(1, host.length() - 1);
		}
		Integer port = (matcher.group(3) != null) ? Integer.valueOf(matcher.group(3))
				: DEFAULT_PORTS.get(matcher.group(1));
		return (port != null) ? InetSocketAddress.createUnresolved(host, port) : null;
	}

	/**
	 * Return the URL of the application's DataSource when its pool tells it (HikariCP, which
	 * Spring Boot uses by default); {@code null} otherwise.
	 */
	private static @Nullable String applicationJdbcUrl(@Nullable String beanName, BeanFactory beanFactory) {
		ClassLoader classLoader = DependencyAddresses.class.getClassLoader();
		if (!ClassUtils.isPresent(HIKARI, classLoader) || !ClassUtils.isPresent(DATA_SOURCE_UNWRAPPER, classLoader)) {
			return null;
		}
		try {
			DataSource dataSource = (beanName != null) ? beanFactory.getBean(beanName, DataSource.class)
					: beanFactory.getBean(DataSource.class);
			return HikariUrl.of(dataSource);
		}
		catch (BeansException ex) {
			return null;
		}
	}

	/**
	 * Reads HikariCP's URL; a class of its own, loaded only when HikariCP is present.
	 */
	private static final class HikariUrl {

		static @Nullable String of(DataSource dataSource) {
			HikariDataSource hikari = DataSourceUnwrapper.unwrap(dataSource, HikariConfigMXBean.class,
					HikariDataSource.class);
			return (hikari != null) ? hikari.getJdbcUrl() : null;
		}

	}

}
