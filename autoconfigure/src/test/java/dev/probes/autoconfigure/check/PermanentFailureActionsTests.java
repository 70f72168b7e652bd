package dev.probes.autoconfigure.check;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.core.env.StandardEnvironment;

import dev.probes.check.DependencyCheckFactory;
import dev.probes.check.DependencyDeclaration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each built-in type says to do when its dependency failed for good at start-up:
 * where its credentials are set, which depends on the type and on whether it has a
 * {@code url} of its own. Runs with every client library on the class path.
 */
class PermanentFailureActionsTests {

	private final DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();

	@ParameterizedTest(name = "{0} with url {1}")
	@CsvSource(delimiter = '|',
			textBlock = """
					jdbc  |                               | Fix the credentials or the database name that the application uses for 'cache' (for the application's DataSource: 'spring.datasource.*').
					jdbc  | jdbc:postgresql://db:5432/app | Fix the credentials or the database name in 'probes.dependencies.cache.url', 'probes.dependencies.cache.username' and 'probes.dependencies.cache.password'.
					http  | http://payments/readyz        | Fix the credentials that 'probes.dependencies.cache.headers' sends.
					redis |                               | Fix the password that the application uses for 'cache' (for Spring Boot's RedisConnectionFactory: 'spring.data.redis.*').
					redis | redis://cache:6379            | Fix the credentials in 'probes.dependencies.cache.url'.
					amqp  |                               | Fix the credentials that the application uses for 'cache' (for Spring Boot's RabbitMQ ConnectionFactory: 'spring.rabbitmq.*').
					amqp  | amqp://rabbitmq:5672          | Fix the credentials in 'probes.dependencies.cache.url'.
					kafka |                               | Fix the credentials or the permissions that the application's Kafka clients use for 'cache' (for Spring Boot's: 'spring.kafka.properties.sasl.jaas.config', 'spring.kafka.security.*', 'spring.kafka.ssl.*').
					tcp   |                               | Fix what the error names, in the settings of 'probes.dependencies.cache' or in the service it checks.
					""")
	void actionNamesWhereTheCredentialsAreSet(String type, String url, String action) throws Exception {
		DependencyCheckFactory<?> factory = factory(type);
		assertThat(actionFor(factory, url)).isEqualTo(action);
	}

	private <S> String actionFor(DependencyCheckFactory<S> factory, String url) throws Exception {
		S settings = factory.settingsType().getDeclaredConstructor().newInstance();
		if (url != null) {
			settings.getClass().getMethod("setUrl", String.class).invoke(settings, url);
		}
		return factory.permanentFailureAction(
				new DependencyDeclaration<>("cache", factory.type(), Duration.ofSeconds(1), settings), Map.of());
	}

	private DependencyCheckFactory<?> factory(String type) {
		ClassLoader classLoader = getClass().getClassLoader();
		return switch (type) {
			case "jdbc" -> new JdbcCheckFactory(this.beanFactory, classLoader);
			case "http" -> new HttpCheckFactory();
			case "redis" -> new RedisCheckFactory(this.beanFactory, classLoader);
			case "amqp" -> new AmqpCheckFactory(this.beanFactory);
			case "kafka" -> new KafkaCheckFactory(this.beanFactory, new StandardEnvironment(), classLoader);
			case "tcp" -> new TcpCheckFactory();
			default -> throw new IllegalArgumentException(type);
		};
	}

}
