package dev.probes.autoconfigure.check;

import org.jspecify.annotations.Nullable;

/**
 * Keys of a {@code kubernetes-endpoints} dependency.
 */
public class KubernetesEndpointsCheckProperties {

	/** Name of the Kubernetes Service whose ready endpoints to count. */
	private @Nullable String service;

	/**
	 * Namespace of the Service. Defaults to the pod's own, as its service account's files
	 * give it.
	 */
	private @Nullable String namespace;

	/** Minimum number of ready endpoints the Service must have. */
	private int minReady = 1;

	public @Nullable String getService() {
		return this.service;
	}

	public void setService(@Nullable String service) {
		this.service = service;
	}

	public @Nullable String getNamespace() {
		return this.namespace;
	}

	public void setNamespace(@Nullable String namespace) {
		this.namespace = namespace;
	}

	public int getMinReady() {
		return this.minReady;
	}

	public void setMinReady(int minReady) {
		this.minReady = minReady;
	}

}
