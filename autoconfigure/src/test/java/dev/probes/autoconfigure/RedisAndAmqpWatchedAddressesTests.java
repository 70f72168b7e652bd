package dev.probes.autoconfigure;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the start-up wait watches a {@code redis} or {@code amqp} dependency: the
 * {@code url}'s host and port, or those that Spring Boot's connection factory connects
 * to. No server is needed: nothing connects while the context starts.
 */
class RedisAndAmqpWatchedAddressesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, RabbitAutoConfiguration.class,
				DependencyChecksAutoConfiguration.class));

	@Test
	void watchesTheHostAndPortOfSpringBootsConnectionFactories() {
		this.contextRunner
			.withPropertyValues("spring.data.redis.host=redis.example", "spring.data.redis.port=6380",
					"spring.rabbitmq.host=rabbitmq.example", "spring.rabbitmq.port=5673",
					"probes.dependencies.cache.type=redis", "probes.dependencies.cache.critical=false",
					"probes.dependencies.broker.type=amqp", "probes.dependencies.broker.critical=false")
			.run((context) -> assertThat(context.getBean(DeclaredDependencies.class).addresses())
				.containsEntry("cache", List.of(InetSocketAddress.createUnresolved("redis.example", 6380)))
				.containsEntry("broker", List.of(InetSocketAddress.createUnresolved("rabbitmq.example", 5673))));
	}

	@Test
	void watchesTheFirstOfRabbitMqsAddresses() {
		this.contextRunner
			.withPropertyValues("spring.rabbitmq.addresses=rabbit-0.example:5672,rabbit-1.example:5672",
					"probes.dependencies.broker.type=amqp", "probes.dependencies.broker.critical=false")
			.run((context) -> assertThat(context.getBean(DeclaredDependencies.class).addresses())
				.containsEntry("broker", List.of(InetSocketAddress.createUnresolved("rabbit-0.example", 5672))));
	}

	@Test
	void watchesEveryNodeOfARedisCluster() {
		this.contextRunner
			.withPropertyValues("spring.data.redis.cluster.nodes=redis-0.example:6379,redis-1.example:6379",
					"probes.dependencies.cache.type=redis", "probes.dependencies.cache.critical=false")
			.run((context) -> assertThat(context.getBean(DeclaredDependencies.class).addresses()).containsEntry("cache",
					List.of(InetSocketAddress.createUnresolved("redis-0.example", 6379),
							InetSocketAddress.createUnresolved("redis-1.example", 6379))));
	}

	@Test
	void watchesTheUrlOfAClientOfTheChecksOwn() {
		this.contextRunner
			.withPropertyValues("probes.dependencies.cache.type=redis", "probes.dependencies.cache.critical=false",
					"probes.dependencies.cache.url=redis://cache.example:6390", "probes.dependencies.broker.type=amqp",
					"probes.dependencies.broker.critical=false",
					"probes.dependencies.broker.url=amqp://broker.example:5679")
			.run((context) -> assertThat(context.getBean(DeclaredDependencies.class).addresses())
				.containsEntry("cache", List.of(InetSocketAddress.createUnresolved("cache.example", 6390)))
				.containsEntry("broker", List.of(InetSocketAddress.createUnresolved("broker.example", 5679))));
	}

}
