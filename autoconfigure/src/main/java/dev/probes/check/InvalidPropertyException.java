package dev.probes.check;

/**
 * Thrown at start-up when a {@code probes.*} property is misconfigured; carries the exact
 * property and the fix, so that the failure report names both instead of showing a stack
 * trace.
 */
public class InvalidPropertyException extends RuntimeException {

	private final String property;

	private final String action;

	/**
	 * Create an exception.
	 * @param property the full property name, such as
	 * {@code probes.dependencies.payments.url}
	 * @param problem what is wrong with it
	 * @param action how to fix it
	 */
	public InvalidPropertyException(String property, String problem, String action) {
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
