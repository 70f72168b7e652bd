package dev.probes.autoconfigure.check;

import java.net.URI;
import java.util.List;
import java.util.Set;

import dev.probes.autoconfigure.DependencyCheckFactory;
import dev.probes.autoconfigure.DependencyDeclaration;
import dev.probes.check.DependencyCheck;
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
		URI uri = ServiceUrls.parse(declaration, url, List.of("http", "https"), "an http or https URL",
				"Set '" + declaration.property("url") + "' to an absolute http or https URL such as"
						+ " http://payments:8080/readyz.");
		if (uri.getRawUserInfo() != null) {
			throw declaration.invalid("url", "credentials in the URL would be sent and could be shown",
					"Remove the user info from '" + declaration.property("url") + "' and send credentials with '"
							+ declaration.property("headers") + ".Authorization'.");
		}
		return uri;
	}

}
