package dev.probes.web;

/**
 * The two probes that Probes serves, named as the Kubernetes API server names its own.
 */
public enum Probe {

	/** The process itself: {@code /livez}, Actuator's {@code liveness} group. */
	LIVENESS("livez", "liveness"),

	/**
	 * The process and its critical dependencies: {@code /readyz}, the {@code readiness}
	 * group.
	 */
	READINESS("readyz", "readiness");

	private final String probeName;

	private final String groupName;

	Probe(String probeName, String groupName) {
		this.probeName = probeName;
		this.groupName = groupName;
	}

	/**
	 * Return the name used in the text contract ({@code livez check passed}) and in the
	 * default path.
	 * @return {@code livez} or {@code readyz}
	 */
	public String probeName() {
		return this.probeName;
	}

	/**
	 * Return the name of the Actuator health group that holds the same members.
	 * @return {@code liveness} or {@code readiness}
	 */
	public String groupName() {
		return this.groupName;
	}

	/**
	 * Return the path served when none is configured.
	 * @return {@code /livez} or {@code /readyz}
	 */
	public String defaultPath() {
		return "/" + this.probeName;
	}

}
