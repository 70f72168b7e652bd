package dev.probes.autoconfigure.check;

import org.jspecify.annotations.Nullable;

/**
 * Keys of a {@code health} dependency.
 */
public class HealthCheckProperties {

	/**
	 * Name of an existing Spring Boot health contributor to run in the background, such
	 * as 'db'.
	 */
	private @Nullable String contributor;

	public @Nullable String getContributor() {
		return this.contributor;
	}

	public void setContributor(@Nullable String contributor) {
		this.contributor = contributor;
	}

}
