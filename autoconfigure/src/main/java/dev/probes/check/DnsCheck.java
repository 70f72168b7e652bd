package dev.probes.check;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * Checks that a host name resolves to at least a minimum number of addresses, for example
 * that a headless Service lists three peers.
 *
 * <p>
 * Resolution goes through the JVM's resolver and its cache, so a change shows once the
 * cache entry expires ({@code networkaddress.cache.ttl}, 30 s by default).
 */
public final class DnsCheck implements DependencyCheck {

	private final String host;

	private final int minAddresses;

	public DnsCheck(String host, int minAddresses) {
		this.host = host;
		this.minAddresses = minAddresses;
	}

	@Override
	public CheckResult check(Duration timeout) throws UnknownHostException {
		long addresses = Arrays.stream(InetAddress.getAllByName(this.host)).distinct().count();
		Map<String, Object> details = Map.of("addresses", addresses);
		if (addresses < this.minAddresses) {
			return CheckResult.failure("resolved %d address%s, need %d".formatted(addresses,
					(addresses == 1) ? "" : "es", this.minAddresses), details);
		}
		return CheckResult.success(details);
	}

}
