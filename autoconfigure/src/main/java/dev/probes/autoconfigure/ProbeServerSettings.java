package dev.probes.autoconfigure;

import dev.probes.check.InvalidPropertyException;

/**
 * Validates {@code probes.server.*}, naming the property at fault.
 */
final class ProbeServerSettings {

	private ProbeServerSettings() {
	}

	static int port(int port) {
		if (port < 0 || port > 65535) {
			throw new InvalidPropertyException("probes.server.port", port + " is not a TCP port",
					"Set 'probes.server.port' to a port from 1 to 65535 (0 picks a free one), or remove it.");
		}
		return port;
	}

}
