package dev.probes.startup;

import org.jspecify.annotations.Nullable;

/**
 * The start-up gate, open: a bean that exists only once every critical dependency is up.
 * Whatever must not run before then depends on it, and while it is being created (the
 * wait), none of those can be created.
 */
public final class OpenGate {

	/**
	 * Wait until the gate opens.
	 * @param gate the gate
	 * @param early creates, while the gate waits, what does not need to wait;
	 * {@code null} to only wait
	 * @throws DependencyFailedException when a dependency fails with an error that
	 * retrying will not mend
	 * @throws StartupTimeoutException when some are still down at the deadline
	 */
	public OpenGate(StartupGate gate, @Nullable EarlySingletons early) {
		if (early != null) {
			gate.await(early::createNext);
		}
		else {
			gate.await();
		}
	}

}
