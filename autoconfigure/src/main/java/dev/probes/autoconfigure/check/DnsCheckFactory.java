package dev.probes.autoconfigure.check;

import java.util.Set;
import java.util.regex.Pattern;

import dev.probes.autoconfigure.DependencyCheckFactory;
import dev.probes.autoconfigure.DependencyDeclaration;
import dev.probes.check.DependencyCheck;
import dev.probes.check.DnsCheck;

/**
 * Creates {@code dns} checks from {@code host}, {@code min-addresses} and {@code server}.
 */
public final class DnsCheckFactory implements DependencyCheckFactory {

	private static final Pattern SERVER = Pattern.compile("(\\[[0-9a-fA-F:.]+\\]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?");

	@Override
	public String type() {
		return "dns";
	}

	@Override
	public Set<String> keys() {
		return Set.of("host", "min-addresses", "server");
	}

	@Override
	public DependencyCheck create(DependencyDeclaration declaration) {
		String host = HostNames.require(declaration, null);
		int minAddresses = declaration.properties().getMinAddresses();
		if (minAddresses < 1) {
			throw declaration.invalid("min-addresses", minAddresses + " is less than 1",
					"Set '" + declaration.property("min-addresses") + "' to 1 or more addresses.");
		}
		String server = declaration.properties().getServer();
		if (server != null && !SERVER.matcher(server).matches()) {
			throw declaration.invalid("server", "'" + server + "' is not a DNS server address",
					"Set '" + declaration.property("server") + "' to host or host:port, such as 10.96.0.10:53.");
		}
		return new DnsCheck(host, minAddresses, server);
	}

}
