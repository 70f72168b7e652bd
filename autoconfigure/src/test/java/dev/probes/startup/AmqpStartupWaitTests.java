package dev.probes.startup;

import java.util.List;

import dev.probes.test.RealServices;

/**
 * {@link AbstractMessagingStartupWaitTests Start-up wait tests} of the {@code amqp} type,
 * against a real broker, which refuses a wrong password for its user.
 */
class AmqpStartupWaitTests extends AbstractMessagingStartupWaitTests {

	@Override
	protected String type() {
		return "amqp";
	}

	@Override
	protected List<String> clientProperties(String password) {
		RealServices.Server broker = RealServices.rabbitmq();
		return List.of("spring.rabbitmq.host=" + broker.host(), "spring.rabbitmq.port=" + broker.port(),
				"spring.rabbitmq.username=" + broker.username(), "spring.rabbitmq.password=" + password);
	}

	@Override
	protected String url(String password) {
		return RealServices.rabbitmq().url(password);
	}

	@Override
	protected String refusal() {
		return "ACCESS_REFUSED";
	}

	@Override
	protected String clientConfiguration() {
		return "spring.rabbitmq.*";
	}

}
