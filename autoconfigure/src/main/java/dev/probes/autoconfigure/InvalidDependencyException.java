package dev.probes.autoconfigure;

/**
 * Thrown at start-up when a declared dependency is misconfigured; carries the exact
 * property so that the failure report can name it.
 */
public class InvalidDependencyException extends RuntimeException {

	private final String property;

	private final String action;

	/**
	 * Create an exception.
	 * @param property the full property name, such as {@code probes.dependencies.payments.url}
	 * @param problem what is wrong with it
	 * @param action how to fix it
	 */
	public InvalidDependencyException(String property, String problem, String action) {
		super("Invalid '" + property + "': " + problem);
		this.property = property;
		this.action = action;
	}

	public String getProperty() {
		return this.property;
	}

	public String getAction() {
		return this.action;
	}

}
