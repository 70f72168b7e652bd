package dev.probes.autoconfigure.check;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;

import dev.probes.autoconfigure.DependencyCheckFactory;
import dev.probes.autoconfigure.DependencyDeclaration;
import dev.probes.check.DependencyCheck;
import dev.probes.check.FailureDescriptions;
import dev.probes.check.HttpCheck;
import dev.probes.check.StatusRange;

/**
 * Creates {@code http} checks from {@code url}, {@code expected-status} and
 * {@code headers}.
 */
public final class HttpCheckFactory implements DependencyCheckFactory {

	@Override
	public String type() {
		return "http";
	}

	@Override
	public Set<String> keys() {
		return Set.of("url", "expected-status", "headers");
	}

	@Override
	public DependencyCheck create(DependencyDeclaration declaration) {
		String url = declaration.require("url", declaration.properties().getUrl());
		URI uri = parseUrl(declaration, url);
		StatusRange expectedStatus;
		try {
			expectedStatus = StatusRange.parse(declaration.properties().getExpectedStatus());
		}
		catch (IllegalArgumentException ex) {
			throw declaration.invalid("expected-status", ex.getMessage(),
					"Set '" + declaration.property("expected-status") + "' to codes and ranges such as 200-399 or 200,204.");
		}
		return new HttpCheck(uri, expectedStatus, declaration.properties().getHeaders(),
				declaration.properties().getTimeout());
	}

	private static URI parseUrl(DependencyDeclaration declaration, String url) {
		String action = "Set '" + declaration.property("url") + "' to an absolute http or https URL such as"
				+ " http://payments:8080/readyz.";
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			throw declaration.invalid("url", "'" + FailureDescriptions.scrub(url) + "' is not a valid URL", action);
		}
		String scheme = uri.getScheme();
		if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
				|| uri.getHost() == null) {
			throw declaration.invalid("url", "'" + FailureDescriptions.scrub(url) + "' is not an http or https URL",
					action);
		}
		if (uri.getRawUserInfo() != null) {
			throw declaration.invalid("url", "credentials in the URL would be sent and could be shown",
					"Remove the user info from '" + declaration.property("url") + "' and send credentials with '"
							+ declaration.property("headers") + ".Authorization'.");
		}
		return uri;
	}

}
