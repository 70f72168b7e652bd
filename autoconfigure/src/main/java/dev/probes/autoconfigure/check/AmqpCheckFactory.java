package dev.probes.autoconfigure.check;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;

import org.springframework.amqp.rabbit.connection.AbstractConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.BeanFactory;

import dev.probes.check.AmqpCheck;
import dev.probes.check.DependencyCheck;
import dev.probes.check.DependencyCheckFactory;
import dev.probes.check.DependencyDeclaration;
import dev.probes.check.Redactor;

/**
 * Creates {@code amqp} checks: a round trip on a channel of the application's RabbitMQ
 * {@link ConnectionFactory} (by default its only or primary one, or the bean named by
 * {@code connection-factory}), or on a connection of the check's own with {@code url}.
 */
public final class AmqpCheckFactory implements DependencyCheckFactory<AmqpCheckProperties> {

	private static final List<String> SCHEMES = List.of("amqp", "amqps");

	private static final String EXAMPLE = "amqp://rabbitmq:5672";

	private final ConnectionFactoryBeans<ConnectionFactory> connectionFactories;

	/**
	 * Create a factory.
	 * @param beanFactory where RabbitMQ ConnectionFactory beans are looked up
	 */
	public AmqpCheckFactory(BeanFactory beanFactory) {
		this.connectionFactories = new ConnectionFactoryBeans<>(beanFactory, ConnectionFactory.class,
				"RabbitMQ ConnectionFactory", "spring.rabbitmq.*");
	}

	@Override
	public String type() {
		return "amqp";
	}

	@Override
	public Class<AmqpCheckProperties> settingsType() {
		return AmqpCheckProperties.class;
	}

	@Override
	public DependencyCheck create(DependencyDeclaration<AmqpCheckProperties> declaration) {
		return this.connectionFactories.create(declaration, AmqpCheckFactory::applicationCheck,
				this::ownConnectionCheck);
	}

	/**
	 * A caching factory (Spring Boot's) hands out its one shared connection, and the
	 * channel stays checked out of its cache for as long as it is open.
	 */
	private static DependencyCheck applicationCheck(ConnectionFactory connectionFactory) {
		return new AmqpCheck(() -> connectionFactory.createConnection().createChannel(false), null);
	}

	private DependencyCheck ownConnectionCheck(DependencyDeclaration<AmqpCheckProperties> declaration) {
		URI url = ServiceUrls.require(declaration, declaration.settings().getUrl(), SCHEMES, EXAMPLE);
		OwnAmqpConnection connection;
		try {
			connection = OwnAmqpConnection.create(declaration.name(), url, declaration.timeout());
		}
		catch (IllegalArgumentException ex) {
			throw declaration.invalid("url",
					"'" + Redactor.scrub(url.toString()) + "' is not a valid AMQP URL: "
							+ Redactor.scrub(String.valueOf(ex.getMessage())),
					ServiceUrls.fix(declaration, SCHEMES, EXAMPLE));
		}
		catch (GeneralSecurityException ex) {
			throw declaration.invalid("url", "TLS is not available for an amqps:// URL: " + ex.getMessage(),
					"Configure the JVM's default SSLContext, or use an amqp:// URL.");
		}
		return new AmqpCheck(connection, connection);
	}

	@Override
	public List<InetSocketAddress> addresses(DependencyDeclaration<AmqpCheckProperties> declaration) {
		return this.connectionFactories.addresses(declaration, AmqpCheckFactory::applicationAddresses);
	}

	/**
	 * Where a Spring AMQP connection factory connects: its host and port (Spring Boot's
	 * {@code spring.rabbitmq.host} and {@code port}). A factory given a list of addresses
	 * does not say them, and is not watched.
	 */
	private static List<InetSocketAddress> applicationAddresses(ConnectionFactory connectionFactory) {
		if (!(connectionFactory instanceof AbstractConnectionFactory factory) || factory.getHost() == null) {
			return List.of();
		}
		return List.of(InetSocketAddress.createUnresolved(factory.getHost(), factory.getPort()));
	}

	@Override
	public String permanentFailureAction(DependencyDeclaration<AmqpCheckProperties> declaration,
			Map<String, Object> details) {
		return this.connectionFactories.permanentFailureAction(declaration, "credentials");
	}

}
