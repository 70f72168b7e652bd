package dev.probes.startup;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The host and port that a dependency's URL connects to, with each scheme's default port:
 * what the start-up wait watches, and how it recognizes a request to a dependency.
 */
public final class UrlAddresses {

	private static final Map<String, Integer> DEFAULT_PORTS = Map.of("http", 80, "https", 443, "redis", 6379, "rediss",
			6379, "amqp", 5672, "amqps", 5671);

	private UrlAddresses() {
	}

	/**
	 * Return the unresolved host and port of a URL.
	 * @param url the URL, such as {@code https://payments/readyz} or
	 * {@code redis://cache}
	 * @return the address, or {@code null} for a URL without a host, of another scheme,
	 * or malformed
	 */
	public static @Nullable InetSocketAddress of(@Nullable String url) {
		if (url == null) {
			return null;
		}
		try {
			return of(URI.create(url));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * Return the unresolved host and port of a URI.
	 * @param uri the URI
	 * @return the address, or {@code null} for a URI without a host or of another scheme
	 */
	public static @Nullable InetSocketAddress of(URI uri) {
		Integer defaultPort = (uri.getScheme() != null) ? DEFAULT_PORTS.get(uri.getScheme().toLowerCase(Locale.ROOT))
				: null;
		if (uri.getHost() == null || defaultPort == null) {
			return null;
		}
		return InetSocketAddress.createUnresolved(uri.getHost(), (uri.getPort() != -1) ? uri.getPort() : defaultPort);
	}

}
