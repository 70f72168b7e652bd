package dev.probes.autoconfigure.check;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.jdbc.DataSourceUnwrapper;
import org.springframework.util.ClassUtils;

/**
 * Finds the host and port of a database from its JDBC URL: the first host of a multi-host
 * URL, with the driver's default port where the URL has none.
 */
final class JdbcAddresses {

	/**
	 * {@code jdbc:<scheme>:[<subprotocol>:[@]]//<host>[:<port>]}, with IPv6 literals in
	 * brackets: the first host of a multi-host URL.
	 */
	private static final Pattern JDBC_URL = Pattern
		.compile("^jdbc:([a-z0-9]+):(?:[a-z]+:@?)?//(\\[[^\\]]+\\]|[^:/,;?\\[]+)(?::(\\d+))?");

	private static final Map<String, Integer> DEFAULT_PORTS = Map.of("postgresql", 5432, "mysql", 3306, "mariadb", 3306,
			"sqlserver", 1433, "db2", 50000, "oracle", 1521);

	private static final String HIKARI = "com.zaxxer.hikari.HikariConfigMXBean";

	private static final String DATA_SOURCE_UNWRAPPER = "org.springframework.boot.jdbc.DataSourceUnwrapper";

	private JdbcAddresses() {
	}

	/**
	 * Return the address in a JDBC URL.
	 * @param url a JDBC URL, or {@code null}
	 * @return the address, or {@code null} when the URL names none (an in-memory
	 * database)
	 */
	static @Nullable InetSocketAddress of(@Nullable String url) {
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
	 * Return the URL of an application DataSource when its pool tells it (HikariCP, which
	 * Spring Boot uses by default); {@code null} otherwise.
	 * @param beanName the name of the DataSource bean, or {@code null} for the primary
	 * one
	 * @param beanFactory where the DataSource is
	 * @return the URL, or {@code null}
	 */
	static @Nullable String applicationUrl(@Nullable String beanName, BeanFactory beanFactory) {
		ClassLoader classLoader = JdbcAddresses.class.getClassLoader();
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
