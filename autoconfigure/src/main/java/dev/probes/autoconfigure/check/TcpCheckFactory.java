package dev.probes.autoconfigure.check;

import java.net.InetSocketAddress;
import java.util.List;

import dev.probes.check.DependencyCheck;
import dev.probes.check.DependencyCheckFactory;
import dev.probes.check.DependencyDeclaration;
import dev.probes.check.TcpCheck;

/**
 * Creates {@code tcp} checks from {@code host} and {@code port}.
 */
public final class TcpCheckFactory implements DependencyCheckFactory<TcpCheckProperties> {

	@Override
	public String type() {
		return "tcp";
	}

	@Override
	public Class<TcpCheckProperties> settingsType() {
		return TcpCheckProperties.class;
	}

	@Override
	public DependencyCheck create(DependencyDeclaration<TcpCheckProperties> declaration) {
		String host = HostNames.require(declaration, declaration.settings().getHost(), "port");
		int port = declaration.require("port", declaration.settings().getPort());
		if (port < 1 || port > 65535) {
			throw declaration.invalid("port", port + " is not a TCP port",
					"Set '" + declaration.property("port") + "' to a port from 1 to 65535.");
		}
		return new TcpCheck(host, port);
	}

	@Override
	public List<InetSocketAddress> addresses(DependencyDeclaration<TcpCheckProperties> declaration) {
		TcpCheckProperties settings = declaration.settings();
		if (settings.getHost() == null || settings.getPort() == null) {
			return List.of();
		}
		return List.of(InetSocketAddress.createUnresolved(settings.getHost().strip(), settings.getPort()));
	}

}
