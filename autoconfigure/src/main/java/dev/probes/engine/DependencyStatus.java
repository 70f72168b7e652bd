package dev.probes.engine;

/**
 * What the engine currently believes about a dependency.
 */
public enum DependencyStatus {

	/** No attempt has completed yet; counts as not ready. */
	UNKNOWN,

	/** The dependency answered, within the thresholds. */
	UP,

	/** The dependency failed, within the thresholds, or its last result is stale. */
	DOWN

}
