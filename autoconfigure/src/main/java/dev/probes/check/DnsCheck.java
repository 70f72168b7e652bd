package dev.probes.check;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.Map;

import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

import org.jspecify.annotations.Nullable;

/**
 * Checks that a host name resolves to at least a minimum number of addresses, for example
 * that a headless Service lists three peers.
 *
 * <p>
 * By default resolution goes through the JVM's resolver, with the pod's search domains
 * and the JVM's cache ({@code networkaddress.cache.ttl}, 30 s by default), so a change
 * shows once the cache entry expires. With a {@code server}, the check asks that DNS
 * server directly for A and AAAA records: no cache, but no search domains either, so the
 * name must be fully qualified.
 */
public final class DnsCheck implements DependencyCheck {

	private static final String[] ADDRESS_RECORDS = { "A", "AAAA" };

	private final String host;

	private final int minAddresses;

	private final @Nullable String server;

	/**
	 * Create a check that uses the JVM's resolver.
	 * @param host the name to resolve
	 * @param minAddresses how many addresses it needs
	 */
	public DnsCheck(String host, int minAddresses) {
		this(host, minAddresses, null);
	}

	/**
	 * Create a check.
	 * @param host the name to resolve
	 * @param minAddresses how many addresses it needs
	 * @param server DNS server to ask directly, as {@code host} or {@code host:port};
	 * {@code null} for the JVM's resolver
	 */
	public DnsCheck(String host, int minAddresses, @Nullable String server) {
		this.host = host;
		this.minAddresses = minAddresses;
		this.server = server;
	}

	@Override
	public CheckResult check(Duration timeout) throws UnknownHostException, NamingException {
		long addresses = (this.server != null) ? queryServer(this.server, timeout) : resolve();
		Map<String, Object> details = Map.of("addresses", addresses);
		if (addresses < this.minAddresses) {
			return CheckResult.failure("resolved %d address%s, need %d".formatted(addresses,
					(addresses == 1) ? "" : "es", this.minAddresses), details);
		}
		return CheckResult.success(details);
	}

	private long resolve() throws UnknownHostException {
		return Arrays.stream(InetAddress.getAllByName(this.host)).distinct().count();
	}

	private long queryServer(String server, Duration timeout) throws NamingException, UnknownHostException {
		Hashtable<String, String> environment = new Hashtable<>();
		environment.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
		environment.put(Context.PROVIDER_URL, "dns://" + server);
		environment.put("com.sun.jndi.dns.timeout.initial", String.valueOf(Timeouts.millis(timeout)));
		environment.put("com.sun.jndi.dns.timeout.retries", "1");
		DirContext context = new InitialDirContext(environment);
		try {
			Attributes attributes = context.getAttributes(this.host, ADDRESS_RECORDS);
			long count = 0;
			for (String record : ADDRESS_RECORDS) {
				Attribute attribute = attributes.get(record);
				count += (attribute != null) ? attribute.size() : 0;
			}
			return count;
		}
		catch (NameNotFoundException ex) {
			throw new UnknownHostException(this.host);
		}
		finally {
			context.close();
		}
	}

}
