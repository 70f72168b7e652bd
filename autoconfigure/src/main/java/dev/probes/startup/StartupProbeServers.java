package dev.probes.startup;

import java.util.List;

import dev.probes.web.ProbeServer;

/**
 * The temporary probe servers that answer on the application (and management) port while
 * the application waits for its dependencies; closed when Spring's web servers take over.
 *
 * @param servers the servers
 */
public record StartupProbeServers(List<ProbeServer> servers) implements AutoCloseable {

	public StartupProbeServers {
		servers = List.copyOf(servers);
	}

	@Override
	public void close() {
		this.servers.forEach(ProbeServer::close);
	}

}
