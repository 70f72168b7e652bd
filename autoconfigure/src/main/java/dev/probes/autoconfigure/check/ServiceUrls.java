package dev.probes.autoconfigure.check;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.probes.check.DependencyDeclaration;
import dev.probes.check.Redactor;

/**
 * Validates the {@code url} of a check, such as {@code redis://cache:6379}: a URL with
 * one of the type's schemes and a host. Reports show the URL without its user info, where
 * a password may be.
 */
final class ServiceUrls {

	private ServiceUrls() {
	}

	/**
	 * Return the declared {@code url} of a type that opens a connection of its own, or
	 * fail naming the property.
	 * @param declaration the declared dependency
	 * @param value the value of its {@code url}
	 * @param schemes the schemes the type takes, such as {@code redis} and {@code rediss}
	 * @param example a URL to show in the fix
	 * @return the URL
	 */
	static URI require(DependencyDeclaration<?> declaration, @Nullable String value, List<String> schemes,
			String example) {
		String url = declaration.require("url", value);
		return parse(declaration, url, schemes, kinds(schemes) + " URL", fix(declaration, schemes, example));
	}

	/**
	 * Parse a {@code url}, or fail naming the property.
	 * @param declaration the declared dependency
	 * @param url the value of its {@code url}
	 * @param schemes the schemes the type takes
	 * @param kind what the URL must be, such as {@code an http or https URL}
	 * @param fix the action of a report on a bad URL
	 * @return the URL
	 */
	static URI parse(DependencyDeclaration<?> declaration, String url, List<String> schemes, String kind, String fix) {
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			throw declaration.invalid("url", "'" + Redactor.scrub(url) + "' is not a valid URL", fix);
		}
		String scheme = uri.getScheme();
		if (scheme == null || !schemes.contains(scheme.toLowerCase(Locale.ROOT)) || uri.getHost() == null) {
			throw declaration.invalid("url", "'" + Redactor.scrub(url) + "' is not " + kind, fix);
		}
		return uri;
	}

	/**
	 * Return the fix for a bad {@code url}.
	 * @param declaration the declared dependency
	 * @param schemes the schemes the type takes
	 * @param example a URL to show
	 * @return for example
	 * {@code Set '…url' to a redis:// or rediss:// URL such as redis://cache:6379.}
	 */
	static String fix(DependencyDeclaration<?> declaration, List<String> schemes, String example) {
		return "Set '" + declaration.property("url") + "' to " + kinds(schemes) + " URL such as " + example + ".";
	}

	/** For example {@code an amqp:// or amqps://}. */
	private static String kinds(List<String> schemes) {
		String kinds = schemes.stream().map((scheme) -> scheme + "://").collect(Collectors.joining(" or "));
		return ("aeiou".indexOf(kinds.charAt(0)) >= 0 ? "an " : "a ") + kinds;
	}

}
