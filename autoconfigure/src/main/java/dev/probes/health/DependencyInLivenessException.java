package dev.probes.health;

import java.util.List;

/**
 * Thrown at start-up when a declared dependency is a member of the liveness group: a
 * dependency outage would then restart every pod, which fixes nothing.
 */
public class DependencyInLivenessException extends RuntimeException {

	private final List<String> dependencies;

	public DependencyInLivenessException(List<String> dependencies) {
		super("Dependencies " + dependencies + " are members of the liveness health group");
		this.dependencies = List.copyOf(dependencies);
	}

	public List<String> getDependencies() {
		return this.dependencies;
	}

}
