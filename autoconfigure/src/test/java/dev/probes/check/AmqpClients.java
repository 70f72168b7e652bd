package dev.probes.check;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import dev.probes.test.RealServices;

/**
 * Loads and exercises the RabbitMQ client once, so that a test's timings are the check's,
 * not the JVM's first use of the client.
 */
final class AmqpClients {

	private AmqpClients() {
	}

	static void warmUp(RealServices.Server broker) throws Exception {
		ConnectionFactory connectionFactory = new ConnectionFactory();
		connectionFactory.setHost(broker.host());
		connectionFactory.setPort(broker.port());
		connectionFactory.setUsername(broker.username());
		connectionFactory.setPassword(broker.password());
		try (Connection connection = connectionFactory.newConnection()) {
			connection.createChannel().exchangeDeclarePassive("amq.direct");
		}
	}

}
