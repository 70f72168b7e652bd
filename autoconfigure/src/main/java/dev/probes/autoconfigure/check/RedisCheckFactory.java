package dev.probes.autoconfigure.check;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.ClassUtils;

import dev.probes.check.DependencyCheck;
import dev.probes.check.DependencyCheckFactory;
import dev.probes.check.DependencyDeclaration;
import dev.probes.check.Redactor;
import dev.probes.check.RedisCheck;

/**
 * Creates {@code redis} checks: {@code PING} on the connection that the application's
 * {@link RedisConnectionFactory} hands out (by default its only or primary one, or the
 * bean named by {@code connection-factory}), or on a Lettuce client of the check's own
 * with {@code url}.
 */
public final class RedisCheckFactory implements DependencyCheckFactory<RedisCheckProperties> {

	private static final String LETTUCE = "io.lettuce.core.RedisClient";

	private static final List<String> SCHEMES = List.of("redis", "rediss");

	private static final String EXAMPLE = "redis://cache:6379";

	private final ConnectionFactoryBeans<RedisConnectionFactory> connectionFactories;

	private final @Nullable ClassLoader classLoader;

	/**
	 * Create a factory.
	 * @param beanFactory where RedisConnectionFactory beans are looked up
	 * @param classLoader the application's class loader, which decides whether Lettuce is
	 * available
	 */
	public RedisCheckFactory(BeanFactory beanFactory, @Nullable ClassLoader classLoader) {
		this.connectionFactories = new ConnectionFactoryBeans<>(beanFactory, RedisConnectionFactory.class,
				"RedisConnectionFactory", "spring.data.redis.*");
		this.classLoader = classLoader;
	}

	@Override
	public String type() {
		return "redis";
	}

	@Override
	public Class<RedisCheckProperties> settingsType() {
		return RedisCheckProperties.class;
	}

	@Override
	public DependencyCheck create(DependencyDeclaration<RedisCheckProperties> declaration) {
		return this.connectionFactories.create(declaration, (connectionFactory) -> {
			ApplicationRedisPing ping = new ApplicationRedisPing(connectionFactory, declaration.name());
			return new RedisCheck(ping, ping);
		}, this::ownClientCheck);
	}

	private DependencyCheck ownClientCheck(DependencyDeclaration<RedisCheckProperties> declaration) {
		URI url = ServiceUrls.require(declaration, declaration.settings().getUrl(), SCHEMES, EXAMPLE);
		if (!ClassUtils.isPresent(LETTUCE, this.classLoader)) {
			throw declaration.invalid("url", "a redis dependency with its own 'url' needs Lettuce on the classpath",
					"Add io.lettuce:lettuce-core (spring-boot-starter-data-redis brings it), or check the"
							+ " application's RedisConnectionFactory by removing '" + declaration.property("url")
							+ "'.");
		}
		OwnRedisClient client;
		try {
			client = OwnRedisClient.create(url, declaration.timeout());
		}
		catch (IllegalArgumentException ex) {
			String reason = (ex instanceof NumberFormatException) ? "its path is not a database number"
					: Redactor.scrub(String.valueOf(ex.getMessage()));
			throw declaration.invalid("url",
					"'" + Redactor.scrub(url.toString()) + "' is not a valid Redis URL: " + reason,
					ServiceUrls.fix(declaration, SCHEMES, EXAMPLE));
		}
		return new RedisCheck(client, client);
	}

	@Override
	public List<InetSocketAddress> addresses(DependencyDeclaration<RedisCheckProperties> declaration) {
		return this.connectionFactories.addresses(declaration, RedisCheckFactory::applicationAddresses);
	}

	/**
	 * Where Spring Boot's Lettuce connection factory connects: its host and port, or
	 * every node of a cluster. A sentinel that answers says nothing of the master, and
	 * other clients' factories are not looked into.
	 */
	private static List<InetSocketAddress> applicationAddresses(RedisConnectionFactory connectionFactory) {
		if (!(connectionFactory instanceof LettuceConnectionFactory lettuce) || lettuce.isRedisSentinelAware()
				|| lettuce.getSocketConfiguration() != null) {
			return List.of();
		}
		if (lettuce.isClusterAware()) {
			RedisClusterConfiguration cluster = lettuce.getClusterConfiguration();
			return (cluster != null) ? cluster.getClusterNodes()
				.stream()
				.filter((node) -> node.getHost() != null && node.getPort() != null)
				.map((node) -> InetSocketAddress.createUnresolved(node.getHost(), node.getPort()))
				.toList() : List.of();
		}
		return List.of(InetSocketAddress.createUnresolved(lettuce.getHostName(), lettuce.getPort()));
	}

	@Override
	public String permanentFailureAction(DependencyDeclaration<RedisCheckProperties> declaration,
			Map<String, Object> details) {
		return this.connectionFactories.permanentFailureAction(declaration, "password");
	}

}
