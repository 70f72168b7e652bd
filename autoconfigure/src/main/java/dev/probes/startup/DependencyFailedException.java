package dev.probes.startup;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a critical dependency fails at start-up with an error that retrying will
 * not mend, such as a rejected password or a database that does not exist.
 */
public class DependencyFailedException extends RuntimeException {

	private final String dependency;

	private final String error;

	private final Map<String, Object> details;

	private final @Nullable String action;

	public DependencyFailedException(String dependency, String error) {
		this(dependency, error, Map.of(), null);
	}

	/**
	 * Create an exception.
	 * @param dependency the dependency's name
	 * @param error its latest error, free of credentials
	 * @param details the details of its latest result, free of credentials: what a report
	 * may need beyond the error, such as the permission a {@code kubernetes-endpoints}
	 * check lacks
	 * @param action what to do about it, as the dependency's type tells it, or
	 * {@code null} when nothing is known of the type
	 */
	public DependencyFailedException(String dependency, String error, Map<String, Object> details,
			@Nullable String action) {
		super("Dependency '" + dependency + "' failed: " + error);
		this.dependency = dependency;
		this.error = error;
		this.details = Map.copyOf(details);
		this.action = action;
	}

	public String getDependency() {
		return this.dependency;
	}

	public String getError() {
		return this.error;
	}

	public Map<String, Object> getDetails() {
		return this.details;
	}

	public @Nullable String getAction() {
		return this.action;
	}

}
