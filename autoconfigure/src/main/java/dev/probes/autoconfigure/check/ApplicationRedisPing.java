package dev.probes.autoconfigure.check;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import dev.probes.check.RedisCheck;

/**
 * {@code PING} on the connection that the application's {@link RedisConnectionFactory}
 * hands out: Lettuce's shared connection (Spring Data's default) or a pooled one, so
 * borrowing it opens nothing.
 *
 * <p>
 * The ping runs on a thread of the check's own, and an attempt waits for it at most its
 * timeout. An attempt abandoned by the engine is interrupted, and an interrupt that
 * reaches Spring Data while it opens the shared connection leaves that connection open
 * and unused once it completes: one more connection for every abandoned attempt while the
 * server is slow to accept. Here the interrupt only ends the attempt's wait; the ping
 * carries on, and the next attempt waits for it rather than starting another, so there is
 * never more than one connect under way.
 */
final class ApplicationRedisPing implements RedisCheck.Ping, AutoCloseable {

	private static final long IDLE_THREAD_SECONDS = 60;

	private final RedisConnectionFactory connectionFactory;

	private final ThreadPoolExecutor thread;

	// Guarded by this.
	private @Nullable Future<@Nullable String> pending;

	ApplicationRedisPing(RedisConnectionFactory connectionFactory, String dependency) {
		this.connectionFactory = connectionFactory;
		this.thread = new ThreadPoolExecutor(1, 1, IDLE_THREAD_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				(runnable) -> {
					Thread thread = new Thread(runnable, "probes-redis-" + dependency);
					thread.setDaemon(true);
					return thread;
				});
		this.thread.allowCoreThreadTimeOut(true);
	}

	@Override
	public @Nullable String ping(Duration timeout) throws Exception {
		Future<@Nullable String> reply;
		synchronized (this) {
			if (this.pending == null || this.pending.isDone()) {
				this.pending = this.thread.submit(this::pingOnce);
			}
			reply = this.pending;
		}
		try {
			return reply.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof Exception cause) ? cause : ex;
		}
	}

	/**
	 * The factory's command timeout applies (Lettuce's default is a minute), and closing
	 * the connection only releases it.
	 */
	private @Nullable String pingOnce() {
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			return connection.ping();
		}
	}

	@Override
	public void close() {
		this.thread.shutdownNow();
	}

}
