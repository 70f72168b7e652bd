package dev.probes.autoconfigure.check;

import dev.probes.autoconfigure.DependencyCheckFactory;
import dev.probes.autoconfigure.DependencyDeclaration;
import dev.probes.check.DependencyCheck;
import dev.probes.check.DnsCheck;

/**
 * Creates {@code dns} checks from {@code host} and {@code min-addresses}.
 */
public final class DnsCheckFactory implements DependencyCheckFactory {

	@Override
	public String type() {
		return "dns";
	}

	@Override
	public DependencyCheck create(DependencyDeclaration declaration) {
		String host = declaration.require("host", declaration.properties().getHost());
		int minAddresses = declaration.properties().getMinAddresses();
		if (minAddresses < 1) {
			throw declaration.invalid("min-addresses", minAddresses + " is less than 1",
					"Set '" + declaration.property("min-addresses") + "' to 1 or more addresses.");
		}
		return new DnsCheck(host, minAddresses);
	}

}
