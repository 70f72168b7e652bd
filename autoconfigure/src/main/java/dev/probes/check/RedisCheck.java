package dev.probes.check;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Checks a Redis server by sending {@code PING} on a connection that stays open between
 * attempts, and expecting {@code PONG}.
 *
 * <p>
 * The connection comes from a {@link Ping}: the application's connection factory (its
 * shared or pooled connection) or a client of the check's own, so the number of
 * connections the server sees does not grow with the checks. A rejected login
 * ({@code NOAUTH}, {@code WRONGPASS}) is a permanent failure: retrying will not mend it.
 */
public final class RedisCheck implements DependencyCheck {

	/** Error codes that open Redis's error replies to a missing or wrong password. */
	private static final List<String> LOGIN_REJECTED = List.of("NOAUTH", "WRONGPASS");

	private final Ping ping;

	private final @Nullable AutoCloseable ownedResource;

	/**
	 * Create a check.
	 * @param ping sends one {@code PING}
	 * @param ownedResource what the check holds of its own (a client, a thread), closed
	 * with the check; never the application's connection factory
	 */
	public RedisCheck(Ping ping, @Nullable AutoCloseable ownedResource) {
		this.ping = ping;
		this.ownedResource = ownedResource;
	}

	@Override
	public CheckResult check(Duration timeout) throws Exception {
		String reply;
		try {
			reply = this.ping.ping(timeout);
		}
		catch (Exception ex) {
			if (isLoginRejected(ex)) {
				return CheckResult.permanentFailure(FailureDescriptions.describe(ex), Map.of());
			}
			throw ex;
		}
		if (reply == null || !reply.equalsIgnoreCase("PONG")) {
			return CheckResult.failure("unexpected reply to PING: " + reply);
		}
		return CheckResult.success();
	}

	/**
	 * Return whether Redis refused the login: its error reply starts with the error code,
	 * and clients pass it on as the message of some exception in the chain.
	 */
	static boolean isLoginRejected(Throwable failure) {
		return FailureDescriptions.causeChain(failure).stream().map(Throwable::getMessage).anyMatch((message) -> {
			if (message == null) {
				return false;
			}
			String upper = message.strip().toUpperCase(Locale.ROOT);
			return LOGIN_REJECTED.stream().anyMatch((code) -> upper.startsWith(code + " ") || upper.equals(code));
		});
	}

	@Override
	public void close() {
		Resources.closeQuietly(this.ownedResource);
	}

	/**
	 * Sends one {@code PING} on a connection kept open between attempts.
	 */
	@FunctionalInterface
	public interface Ping {

		/**
		 * Send {@code PING} and return the reply. An implementation waits at most the
		 * timeout where its client allows, and gives up when its thread is interrupted
		 * otherwise.
		 * @param timeout time limit for this attempt
		 * @return the reply, {@code PONG} from a healthy server
		 * @throws Exception when the server could not be reached or answered with an
		 * error
		 */
		@Nullable String ping(Duration timeout) throws Exception;

	}

}
