package dev.probes.engine;

/**
 * Told each time an attempt completes, on the thread that completed it.
 */
@FunctionalInterface
public interface StateListener {

	/**
	 * Called after every attempt, whether or not the status changed.
	 * @param dependency the monitored dependency
	 * @param previous its state before the attempt
	 * @param current its state after the attempt
	 */
	void attemptCompleted(DependencyMonitor dependency, DependencyState previous, DependencyState current);

}
