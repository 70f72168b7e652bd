package dev.probes.startup;

import java.util.List;

import dev.probes.test.RealServices;

/**
 * {@link AbstractApplicationClientWatchTests Start-up watch tests} of the {@code amqp}
 * type on Spring Boot's RabbitMQ connection factory, against the real RabbitMQ.
 */
class AmqpApplicationClientWatchTests extends AbstractApplicationClientWatchTests {

	@Override
	protected String type() {
		return "amqp";
	}

	@Override
	protected int serverPort() {
		return RealServices.rabbitmq().port();
	}

	@Override
	protected List<String> clientProperties(int port) {
		RealServices.Server rabbitmq = RealServices.rabbitmq();
		return List.of("spring.rabbitmq.host=127.0.0.1", "spring.rabbitmq.port=" + port,
				"spring.rabbitmq.username=" + rabbitmq.username(), "spring.rabbitmq.password=" + rabbitmq.password());
	}

}
