package dev.probes.autoconfigure.check;

import java.util.regex.Pattern;

import dev.probes.check.DependencyCheck;
import dev.probes.check.DependencyCheckFactory;
import dev.probes.check.DependencyDeclaration;
import dev.probes.check.DnsCheck;
import dev.probes.check.PropertyRules;

/**
 * Creates {@code dns} checks from {@code host}, {@code min-addresses} and {@code server}.
 */
public final class DnsCheckFactory implements DependencyCheckFactory<DnsCheckProperties> {

	private static final Pattern SERVER = Pattern.compile("(\\[[0-9a-fA-F:.]+\\]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?");

	@Override
	public String type() {
		return "dns";
	}

	@Override
	public Class<DnsCheckProperties> settingsType() {
		return DnsCheckProperties.class;
	}

	@Override
	public DependencyCheck create(DependencyDeclaration<DnsCheckProperties> declaration) {
		DnsCheckProperties settings = declaration.settings();
		String host = HostNames.require(declaration, settings.getHost(), null);
		int minAddresses = PropertyRules.atLeastOne(declaration.property("min-addresses"), settings.getMinAddresses(),
				"addresses");
		String server = settings.getServer();
		if (server != null && !SERVER.matcher(server).matches()) {
			throw declaration.invalid("server", "'" + server + "' is not a DNS server address",
					"Set '" + declaration.property("server") + "' to host or host:port, such as 10.96.0.10:53.");
		}
		return new DnsCheck(host, minAddresses, server);
	}

}
