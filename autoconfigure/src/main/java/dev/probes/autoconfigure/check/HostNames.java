package dev.probes.autoconfigure.check;

import java.net.URI;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.probes.check.DependencyDeclaration;
import dev.probes.check.Redactor;

/**
 * Reads the {@code host} of a {@code tcp} or {@code dns} dependency, rejecting a URL or a
 * {@code host:port} in its place: a slip that would otherwise fail every attempt as an
 * unknown host.
 */
final class HostNames {

	/**
	 * A name or an IPv4 address, or an IPv6 address in brackets, then a port. An IPv6
	 * address without brackets ({@code ::1}) has no port.
	 */
	private static final List<Pattern> WITH_PORT = List.of(Pattern.compile("([^:\\[\\]]+):([0-9]{1,5})"),
			Pattern.compile("\\[([0-9a-fA-F:.]+)\\]:([0-9]{1,5})"));

	private HostNames() {
	}

	/**
	 * Return the declared host, without surrounding white space.
	 * @param declaration the declared dependency
	 * @param value the value of its {@code host}
	 * @param portKey the key that takes the port, or {@code null} when the type has none
	 * @return the host
	 */
	static String require(DependencyDeclaration<?> declaration, @Nullable String value, @Nullable String portKey) {
		String host = declaration.require("host", value).strip();
		String property = declaration.property("host");
		if (host.contains("://")) {
			throw declaration.invalid("host", "'" + Redactor.scrub(host) + "' is a URL, not a host name",
					fix(declaration, urlHost(host), urlPort(host), portKey));
		}
		for (Pattern pattern : WITH_PORT) {
			Matcher withPort = pattern.matcher(host);
			if (withPort.matches()) {
				throw declaration.invalid("host", "'" + host + "' includes a port",
						fix(declaration, withPort.group(1), Integer.parseInt(withPort.group(2)), portKey));
			}
		}
		if (host.chars().anyMatch((c) -> Character.isWhitespace(c) || c == '/')) {
			throw declaration.invalid("host", "'" + host + "' is not a host name or address",
					"Set '" + property + "' to a host name or address, such as redis or 10.0.0.5.");
		}
		return host;
	}

	private static String fix(DependencyDeclaration<?> declaration, @Nullable String host, int port,
			@Nullable String portKey) {
		String property = declaration.property("host");
		if (host == null) {
			return "Set '" + property + "' to the host name or address alone.";
		}
		if (portKey != null && port > 0) {
			return "Set '" + property + "' to " + host + " and '" + declaration.property(portKey) + "' to " + port
					+ ".";
		}
		return "Set '" + property + "' to " + host + ".";
	}

	private static @Nullable String urlHost(String url) {
		try {
			return URI.create(url).getHost();
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static int urlPort(String url) {
		try {
			return URI.create(url).getPort();
		}
		catch (IllegalArgumentException ex) {
			return -1;
		}
	}

}
