package dev.probes.check;

import java.time.Duration;

/**
 * One attempt at reaching a dependency.
 *
 * <p>
 * The engine calls {@link #check(Duration)} on a background thread, never on a probe's
 * request thread. An implementation passes the timeout on to its own I/O where it can
 * (connect and read timeouts), so that an abandoned attempt releases its thread soon; the
 * engine enforces the timeout either way.
 */
@FunctionalInterface
public interface DependencyCheck extends AutoCloseable {

	/**
	 * Make one attempt at reaching the dependency.
	 * @param timeout time limit for this attempt
	 * @return the outcome: up, or down with a short reason
	 * @throws Exception when the dependency could not be reached, which counts as down
	 */
	CheckResult check(Duration timeout) throws Exception;

	/**
	 * Release what the check holds (its own pool or client). Resources of the
	 * application, such as its DataSource, are never closed here.
	 */
	@Override
	default void close() {
	}

}
