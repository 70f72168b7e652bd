package dev.probes.autoconfigure.check;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLContext;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.jspecify.annotations.Nullable;

import dev.probes.check.AmqpCheck;

/**
 * A RabbitMQ connection of an {@code amqp} check's own, for a {@code url}: opened on the
 * first attempt, reopened only once it has closed, and closed with the check.
 *
 * <p>
 * It does not recover by itself: the client's automatic recovery retries on a schedule of
 * its own, where the next attempt reconnecting at once sees a broker that came back
 * without delay. Opening it is bounded by the dependency's timeout (connect, handshake
 * and channel open), so an attempt never holds its thread much longer than it counts. The
 * broker lists it as {@code probes: <name>}.
 */
final class OwnAmqpConnection implements AmqpCheck.ChannelSource, AutoCloseable {

	private final ConnectionFactory connectionFactory;

	private final String name;

	private final int closeTimeoutMillis;

	private volatile @Nullable Connection connection;

	private volatile boolean closed;

	private OwnAmqpConnection(ConnectionFactory connectionFactory, String name, int closeTimeoutMillis) {
		this.connectionFactory = connectionFactory;
		this.name = name;
		this.closeTimeoutMillis = closeTimeoutMillis;
	}

	/**
	 * Create a connection source; it connects on the first attempt.
	 * @param dependency the dependency's name, which the broker shows
	 * @param url the broker's {@code amqp://} or {@code amqps://} URL, with user info and
	 * virtual host as needed
	 * @param timeout limit for connecting, for the handshake and for opening a channel
	 * @return the connection source
	 * @throws IllegalArgumentException when the RabbitMQ client cannot use the URL
	 * @throws GeneralSecurityException when TLS is not available for an {@code amqps} URL
	 */
	static OwnAmqpConnection create(String dependency, URI url, Duration timeout) throws GeneralSecurityException {
		ConnectionFactory connectionFactory = new ConnectionFactory();
		if (url.getScheme().toLowerCase(Locale.ROOT).equals("amqps")) {
			// The JVM's trust store and host name verification, not the client's
			// trust-all default.
			connectionFactory.useSslProtocol(SSLContext.getDefault());
			connectionFactory.enableHostnameVerification();
		}
		try {
			connectionFactory.setUri(url);
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException(ex.getMessage(), ex);
		}
		int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
		connectionFactory.setConnectionTimeout(millis);
		connectionFactory.setHandshakeTimeout(millis);
		connectionFactory.setChannelRpcTimeout(millis);
		connectionFactory.setShutdownTimeout(millis);
		connectionFactory.setAutomaticRecoveryEnabled(false);
		connectionFactory.setTopologyRecoveryEnabled(false);
		return new OwnAmqpConnection(connectionFactory, "probes: " + dependency, millis);
	}

	@Override
	public synchronized Channel open() throws IOException, TimeoutException {
		if (this.closed) {
			throw new IllegalStateException("closed");
		}
		Connection current = this.connection;
		if (current == null || !current.isOpen()) {
			current = this.connectionFactory.newConnection(this.name);
			this.connection = current;
			if (this.closed) {
				// Closed while connecting: do not leave this connection behind.
				current.abort(this.closeTimeoutMillis);
				throw new IllegalStateException("closed");
			}
		}
		return current.createChannel();
	}

	@Override
	public void close() {
		this.closed = true;
		Connection current = this.connection;
		if (current != null) {
			current.abort(this.closeTimeoutMillis);
		}
	}

}
