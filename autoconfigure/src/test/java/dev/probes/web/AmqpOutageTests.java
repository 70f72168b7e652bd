package dev.probes.web;

import java.util.List;

import dev.probes.test.RealServices;
import dev.probes.test.ServerConnections;

/**
 * {@link AbstractMessagingOutageTests Outage tests} for an {@code amqp} dependency, with
 * Spring Boot's caching RabbitMQ connection factory and a real broker; connections are
 * counted by {@code rabbitmqctl list_connections}.
 */
class AmqpOutageTests extends AbstractMessagingOutageTests {

	@Override
	protected String type() {
		return "amqp";
	}

	@Override
	protected int serverPort() {
		return RealServices.rabbitmq().port();
	}

	/**
	 * The connection name is set by a bean, which Spring Boot picks up: see the
	 * application.
	 */
	@Override
	protected List<String> clientProperties(String host, int port, String connectionName) {
		RealServices.Server broker = RealServices.rabbitmq();
		return List.of("spring.rabbitmq.host=" + host, "spring.rabbitmq.port=" + port,
				"spring.rabbitmq.username=" + broker.username(), "spring.rabbitmq.password=" + broker.password(),
				"test.connection-name=" + connectionName);
	}

	@Override
	protected String ownClientUrl(String dependency) {
		return RealServices.rabbitmq().url();
	}

	/** The check names its own connection after the dependency. */
	@Override
	protected String ownClientConnectionName(String dependency) {
		return "probes: " + dependency;
	}

	@Override
	protected String urlWithPassword(String password) {
		return RealServices.rabbitmq().url(password);
	}

	@Override
	protected String refusal() {
		return "ACCESS_REFUSED";
	}

	@Override
	protected int serverConnections(String connectionName) throws Exception {
		return ServerConnections.rabbitmq(connectionName);
	}

}
