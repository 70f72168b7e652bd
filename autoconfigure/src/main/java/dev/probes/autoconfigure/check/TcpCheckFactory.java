package dev.probes.autoconfigure.check;

import java.util.Set;

import dev.probes.autoconfigure.DependencyCheckFactory;
import dev.probes.autoconfigure.DependencyDeclaration;
import dev.probes.check.DependencyCheck;
import dev.probes.check.TcpCheck;

/**
 * Creates {@code tcp} checks from {@code host} and {@code port}.
 */
public final class TcpCheckFactory implements DependencyCheckFactory {

	@Override
	public String type() {
		return "tcp";
	}

	@Override
	public Set<String> keys() {
		return Set.of("host", "port");
	}

	@Override
	public DependencyCheck create(DependencyDeclaration declaration) {
		String host = HostNames.require(declaration, "port");
		int port = declaration.require("port", declaration.properties().getPort());
		if (port < 1 || port > 65535) {
			throw declaration.invalid("port", port + " is not a TCP port",
					"Set '" + declaration.property("port") + "' to a port from 1 to 65535.");
		}
		return new TcpCheck(host, port);
	}

}
