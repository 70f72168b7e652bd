package dev.probes.autoconfigure.check;

import org.jspecify.annotations.Nullable;

/**
 * Keys of a {@code dns} dependency.
 */
public class DnsCheckProperties {

	/** Host name to resolve. */
	private @Nullable String host;

	/** Minimum number of addresses the host must resolve to. */
	private int minAddresses = 1;

	/**
	 * DNS server to ask directly (host or host:port), bypassing the JVM's resolver, its
	 * cache and the search domains. Defaults to the JVM's resolver.
	 */
	private @Nullable String server;

	public @Nullable String getHost() {
		return this.host;
	}

	public void setHost(@Nullable String host) {
		this.host = host;
	}

	public int getMinAddresses() {
		return this.minAddresses;
	}

	public void setMinAddresses(int minAddresses) {
		this.minAddresses = minAddresses;
	}

	public @Nullable String getServer() {
		return this.server;
	}

	public void setServer(@Nullable String server) {
		this.server = server;
	}

}
