package dev.probes.autoconfigure.check;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import org.jspecify.annotations.Nullable;

import dev.probes.check.RedisCheck;

/**
 * A Lettuce client of a {@code redis} check's own, for a {@code url}: created once, with
 * one connection that is reopened only once it has closed, and shut down with the check.
 *
 * <p>
 * The connection does not reconnect by itself: Lettuce would retry in the background on a
 * backoff of up to 30 s and queue the pings meanwhile, where the next attempt
 * reconnecting at once sees a server that came back without delay. A connect still under
 * way when an attempt times out is waited for by the next attempt, not started again, so
 * a server that accepts connections but never answers gets one connection, not one per
 * attempt.
 */
final class OwnRedisClient implements RedisCheck.Ping, AutoCloseable {

	/** Shutting down an idle client takes milliseconds; this only bounds a stuck one. */
	private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);

	private static final int MIN_THREADS = 2;

	private final ClientResources resources;

	private final RedisClient client;

	private final RedisURI uri;

	// Guarded by this.
	private @Nullable CompletableFuture<StatefulRedisConnection<String, String>> connection;

	private boolean closed;

	private OwnRedisClient(ClientResources resources, RedisClient client, RedisURI uri) {
		this.resources = resources;
		this.client = client;
		this.uri = uri;
	}

	/**
	 * Create a client; it connects on the first attempt.
	 * @param url the server's {@code redis://} or {@code rediss://} URL
	 * @param timeout limit for opening a connection
	 * @return the client
	 * @throws IllegalArgumentException when Lettuce cannot use the URL
	 */
	static OwnRedisClient create(URI url, Duration timeout) {
		RedisURI uri = RedisURI.create(url);
		uri.setTimeout(timeout);
		// The fewest threads Lettuce takes: the client carries one connection and a ping
		// now and then.
		ClientResources resources = DefaultClientResources.builder()
			.ioThreadPoolSize(MIN_THREADS)
			.computationThreadPoolSize(MIN_THREADS)
			.build();
		RedisClient client = RedisClient.create(resources, uri);
		client.setOptions(ClientOptions.builder()
			.autoReconnect(false)
			.socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
			.build());
		return new OwnRedisClient(resources, client, uri);
	}

	@Override
	public String ping(Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		StatefulRedisConnection<String, String> open = await(connection(), deadline);
		return await(open.async().ping().toCompletableFuture(), deadline);
	}

	private synchronized CompletableFuture<StatefulRedisConnection<String, String>> connection() {
		if (this.closed) {
			throw new IllegalStateException("closed");
		}
		CompletableFuture<StatefulRedisConnection<String, String>> current = this.connection;
		if (current != null && (!current.isDone() || isOpen(current))) {
			return current;
		}
		if (current != null && !current.isCompletedExceptionally()) {
			current.join().closeAsync();
		}
		current = this.client.connectAsync(StringCodec.UTF8, this.uri).toCompletableFuture();
		this.connection = current;
		return current;
	}

	private static boolean isOpen(CompletableFuture<StatefulRedisConnection<String, String>> connection) {
		return !connection.isCompletedExceptionally() && connection.join().isOpen();
	}

	private static <T> T await(CompletableFuture<T> future, long deadline) throws Exception {
		try {
			return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof Exception cause) ? cause : ex;
		}
	}

	@Override
	public void close() {
		synchronized (this) {
			this.closed = true;
		}
		// Closes the connection, or abandons a connect still under way.
		this.client.shutdown(Duration.ZERO, SHUTDOWN_TIMEOUT);
		this.resources.shutdown(0, SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
	}

}
