package dev.probes.autoconfigure.check;

import org.jspecify.annotations.Nullable;

/**
 * Keys of a {@code tcp} dependency.
 */
public class TcpCheckProperties {

	/** Host name or address to connect to, without a scheme or a port. */
	private @Nullable String host;

	/** Port to connect to. */
	private @Nullable Integer port;

	public @Nullable String getHost() {
		return this.host;
	}

	public void setHost(@Nullable String host) {
		this.host = host;
	}

	public @Nullable Integer getPort() {
		return this.port;
	}

	public void setPort(@Nullable Integer port) {
		this.port = port;
	}

}
