package dev.probes.startup;

/**
 * Thrown when a critical dependency fails at start-up with an error that retrying will not
 * mend, such as a rejected password or a database that does not exist.
 */
public class DependencyFailedException extends RuntimeException {

	private final String dependency;

	private final String error;

	public DependencyFailedException(String dependency, String error) {
		super("Dependency '" + dependency + "' failed: " + error);
		this.dependency = dependency;
		this.error = error;
	}

	public String getDependency() {
		return this.dependency;
	}

	public String getError() {
		return this.error;
	}

}
