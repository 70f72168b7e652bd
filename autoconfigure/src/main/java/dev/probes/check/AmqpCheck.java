package dev.probes.check;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Command;
import com.rabbitmq.client.Method;
import org.jspecify.annotations.Nullable;

/**
 * Checks a RabbitMQ broker with one round trip on a channel that stays open between
 * attempts: a passive declaration of {@code amq.direct}, an exchange every virtual host
 * has, which changes nothing and needs no permission.
 *
 * <p>
 * The channel comes from a {@link ChannelSource}, on the application's connection or on a
 * connection of the check's own, and is asked for again only once it has closed: an
 * attempt opens no connection while the broker's connection stays up. The RabbitMQ client
 * lets a channel carry one request at a time and waits, deaf to interrupts, to send
 * another; so a request that is still unanswered when an attempt times out is waited for
 * again by the next attempt rather than followed by a second one, and no thread ever
 * blocks on the channel. A refused login ({@code ACCESS_REFUSED}) is a permanent failure.
 */
public final class AmqpCheck implements DependencyCheck {

	/** Reply text of the broker's connection.close when it refuses a login. */
	private static final String ACCESS_REFUSED = "ACCESS_REFUSED";

	private static final Method PASSIVE_DECLARE = new AMQP.Exchange.Declare.Builder().exchange("amq.direct")
		.passive()
		.build();

	private final ChannelSource channels;

	private final @Nullable AutoCloseable ownedConnection;

	// Written by one attempt at a time, read by close().
	private volatile @Nullable Channel channel;

	private volatile @Nullable CompletableFuture<Command> unanswered;

	/**
	 * Create a check.
	 * @param channels gives the channel to send on
	 * @param ownedConnection the check's own connection, closed with the check;
	 * {@code null} when the channel is on the application's connection
	 */
	public AmqpCheck(ChannelSource channels, @Nullable AutoCloseable ownedConnection) {
		this.channels = channels;
		this.ownedConnection = ownedConnection;
	}

	@Override
	public CheckResult check(Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		try {
			CompletableFuture<Command> reply = this.unanswered;
			if (reply == null) {
				reply = openChannel().asyncCompletableRpc(PASSIVE_DECLARE);
				this.unanswered = reply;
			}
			await(reply, deadline);
			return CheckResult.success();
		}
		catch (Exception ex) {
			if (FailureDescriptions.causeChain(ex)
				.stream()
				.anyMatch((cause) -> cause.getMessage() != null && cause.getMessage().contains(ACCESS_REFUSED))) {
				return CheckResult.permanentFailure(FailureDescriptions.describe(ex), Map.of());
			}
			throw ex;
		}
	}

	private Channel openChannel() throws Exception {
		Channel current = this.channel;
		if (current != null && current.isOpen()) {
			return current;
		}
		if (current != null) {
			// A closed channel of a cache is dropped from it when closed, not handed out
			// again.
			Resources.closeQuietly(current);
		}
		current = this.channels.open();
		this.channel = current;
		return current;
	}

	private void await(CompletableFuture<Command> reply, long deadline) throws Exception {
		try {
			reply.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			this.unanswered = null;
		}
		catch (ExecutionException ex) {
			this.unanswered = null;
			throw (ex.getCause() instanceof Exception cause) ? cause : ex;
		}
	}

	@Override
	public void close() {
		Channel current = this.channel;
		CompletableFuture<Command> reply = this.unanswered;
		// A channel still waiting for its reply could not take a request: it must not go
		// back to the application's cache. Closing the connection releases it.
		if (reply == null || reply.isDone()) {
			Resources.closeQuietly(current);
		}
		Resources.closeQuietly(this.ownedConnection);
	}

	/**
	 * Gives the channel that the check sends on.
	 */
	@FunctionalInterface
	public interface ChannelSource {

		/**
		 * Return an open channel, opening the connection first if it has closed. Called
		 * again only once the channel it returned has closed.
		 * @return the channel
		 * @throws Exception when the broker could not be reached or refused the login
		 */
		Channel open() throws Exception;

	}

}
