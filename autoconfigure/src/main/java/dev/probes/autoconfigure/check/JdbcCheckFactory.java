package dev.probes.autoconfigure.check;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanNotOfRequiredTypeException;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.NoUniqueBeanDefinitionException;
import org.springframework.util.ClassUtils;

import dev.probes.check.DependencyCheck;
import dev.probes.check.DependencyCheckFactory;
import dev.probes.check.DependencyDeclaration;
import dev.probes.check.JdbcCheck;

/**
 * Creates {@code jdbc} checks: on the application's primary DataSource by default, on a
 * named DataSource bean with {@code data-source}, or on a one-connection pool of its own
 * with {@code url}. An application's HikariCP pool is checked through one connection of
 * the check's own, made with the pool's settings (see {@link HikariPoolCheck}); any other
 * DataSource is borrowed from.
 */
public final class JdbcCheckFactory implements DependencyCheckFactory<JdbcCheckProperties> {

	private static final String HIKARI = "com.zaxxer.hikari.HikariDataSource";

	/** HikariCP refuses shorter connection and validation timeouts. */
	private static final Duration HIKARI_MIN_TIMEOUT = Duration.ofMillis(250);

	private final BeanFactory beanFactory;

	private final @Nullable ClassLoader classLoader;

	/**
	 * Create a factory.
	 * @param beanFactory where DataSource beans are looked up
	 * @param classLoader the application's class loader, which decides whether HikariCP
	 * is available
	 */
	public JdbcCheckFactory(BeanFactory beanFactory, @Nullable ClassLoader classLoader) {
		this.beanFactory = beanFactory;
		this.classLoader = classLoader;
	}

	@Override
	public String type() {
		return "jdbc";
	}

	@Override
	public Class<JdbcCheckProperties> settingsType() {
		return JdbcCheckProperties.class;
	}

	@Override
	public DependencyCheck create(DependencyDeclaration<JdbcCheckProperties> declaration) {
		JdbcCheckProperties dependency = declaration.settings();
		declaration.secret(dependency.getPassword());
		declaration.secretUserInfo(dependency.getUrl());
		if (dependency.getUrl() != null && dependency.getDataSource() != null) {
			throw declaration.invalid("url", "both 'url' and 'data-source' are set", "Keep one of '"
					+ declaration.property("url") + "' and '" + declaration.property("data-source") + "'.");
		}
		if (dependency.getUrl() != null) {
			return ownPoolCheck(declaration, dependency);
		}
		rejectLoginWithoutUrl(declaration, "username", dependency.getUsername());
		rejectLoginWithoutUrl(declaration, "password", dependency.getPassword());
		DataSource dataSource = applicationDataSource(declaration, dependency.getDataSource());
		if (ClassUtils.isPresent(HIKARI, this.classLoader)) {
			DependencyCheck poolCheck = HikariPoolCheck.of(dataSource, declaration.name(), dependency.getQuery());
			if (poolCheck != null) {
				return poolCheck;
			}
		}
		return new JdbcCheck(dataSource, dependency.getQuery(), null);
	}

	/**
	 * An application DataSource logs in with its own settings: a login here would be
	 * ignored.
	 */
	private static void rejectLoginWithoutUrl(DependencyDeclaration<?> declaration, String key,
			@Nullable String value) {
		if (value != null) {
			throw declaration.invalid(key, "'" + key + "' is only used with 'url'",
					"Remove '" + declaration.property(key) + "': the application's DataSource logs in with its own"
							+ " settings (spring.datasource.*). Or set '" + declaration.property("url")
							+ "' for a connection of the check's own.");
		}
	}

	private DataSource applicationDataSource(DependencyDeclaration<?> declaration, @Nullable String beanName) {
		if (beanName != null) {
			try {
				return this.beanFactory.getBean(beanName, DataSource.class);
			}
			catch (NoSuchBeanDefinitionException | BeanNotOfRequiredTypeException ex) {
				throw declaration.invalid("data-source", "there is no DataSource bean named '" + beanName + "'",
						"Set '" + declaration.property("data-source") + "' to the name of a DataSource bean.");
			}
		}
		try {
			return this.beanFactory.getBean(DataSource.class);
		}
		catch (NoUniqueBeanDefinitionException ex) {
			throw declaration.invalid("data-source", "the application has several DataSource beans and none is primary",
					"Set '" + declaration.property("data-source") + "' to the name of the one to check.");
		}
		catch (NoSuchBeanDefinitionException ex) {
			throw declaration.invalid("url", "the application has no DataSource to check",
					"Configure one with 'spring.datasource.url', or set '" + declaration.property("url")
							+ "' for a connection of the check's own.");
		}
	}

	private DependencyCheck ownPoolCheck(DependencyDeclaration<?> declaration, JdbcCheckProperties dependency) {
		String url = dependency.getUrl();
		if (!url.startsWith("jdbc:")) {
			throw declaration.invalid("url", "a JDBC URL starts with 'jdbc:'",
					"Set '" + declaration.property("url") + "' to a JDBC URL such as jdbc:postgresql://db:5432/app.");
		}
		if (!ClassUtils.isPresent(HIKARI, this.classLoader)) {
			throw declaration.invalid("url", "a jdbc dependency with its own 'url' needs HikariCP on the classpath",
					"Add com.zaxxer:HikariCP (spring-boot-starter-jdbc brings it), or check the application's"
							+ " DataSource by removing '" + declaration.property("url") + "'.");
		}
		OwnConnectionPool pool = OwnConnectionPool.create(declaration.name(), url, dependency.getUsername(),
				dependency.getPassword(), max(declaration.timeout(), HIKARI_MIN_TIMEOUT));
		return new JdbcCheck(pool.dataSource(), dependency.getQuery(), pool);
	}

	@Override
	public List<InetSocketAddress> addresses(DependencyDeclaration<JdbcCheckProperties> declaration) {
		JdbcCheckProperties settings = declaration.settings();
		return Stream.ofNullable(JdbcAddresses.of((settings.getUrl() != null) ? settings.getUrl()
				: JdbcAddresses.applicationUrl(settings.getDataSource(), this.beanFactory)))
			.toList();
	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

	@Override
	public String permanentFailureAction(DependencyDeclaration<JdbcCheckProperties> declaration,
			Map<String, Object> details) {
		if (declaration.settings().getUrl() != null) {
			return "Fix the credentials or the database name in '" + declaration.property("url") + "', '"
					+ declaration.property("username") + "' and '" + declaration.property("password") + "'.";
		}
		return "Fix the credentials or the database name that the application uses for '" + declaration.name()
				+ "' (for the application's DataSource: 'spring.datasource.*').";
	}

}
