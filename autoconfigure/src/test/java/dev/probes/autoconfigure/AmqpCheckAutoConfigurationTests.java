package dev.probes.autoconfigure;

import java.io.IOException;
import java.util.List;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import dev.probes.autoconfigure.check.AmqpCheckFactory;
import dev.probes.check.AmqpCheck;
import dev.probes.test.RealServices;

/**
 * {@link AbstractMessagingCheckAutoConfigurationTests Auto-configuration tests} of the
 * {@code amqp} type, with Spring Boot's RabbitMQ auto-configuration and a real broker.
 */
class AmqpCheckAutoConfigurationTests extends AbstractMessagingCheckAutoConfigurationTests {

	AmqpCheckAutoConfigurationTests() {
		super("amqp", RabbitAutoConfiguration.class, AmqpCheck.class, AmqpCheckFactory.class, ConnectionFactory.class,
				TwoConnectionFactories.class, UserFactory.class);
	}

	@Override
	protected List<String> clientProperties(int port) {
		RealServices.Server broker = RealServices.rabbitmq();
		return List.of("spring.rabbitmq.host=127.0.0.1", "spring.rabbitmq.port=" + port,
				"spring.rabbitmq.username=" + broker.username(), "spring.rabbitmq.password=" + broker.password());
	}

	@Override
	protected int serverPort() {
		return RealServices.rabbitmq().port();
	}

	@Configuration(proxyBeanMethods = false)
	static class TwoConnectionFactories {

		@Bean
		@Primary
		CachingConnectionFactory sessions() throws IOException {
			return new CachingConnectionFactory("127.0.0.1", closedPort());
		}

		@Bean
		CachingConnectionFactory cache() {
			RealServices.Server broker = RealServices.rabbitmq();
			CachingConnectionFactory connectionFactory = new CachingConnectionFactory(broker.host(), broker.port());
			connectionFactory.setUsername(broker.username());
			connectionFactory.setPassword(broker.password());
			return connectionFactory;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserFactory {

		@Bean
		AmqpCheckFactory userCheckFactory() {
			return new AmqpCheckFactory(new DefaultListableBeanFactory());
		}

	}

}
