package dev.probes.autoconfigure.check;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.probes.check.DependencyCheck;
import dev.probes.check.DependencyCheckFactory;
import dev.probes.check.DependencyDeclaration;
import dev.probes.check.HttpCheck;
import dev.probes.check.StatusRange;
import dev.probes.startup.UrlAddresses;

/**
 * Creates {@code http} checks from {@code url}, {@code expected-status} and
 * {@code headers}.
 */
public final class HttpCheckFactory implements DependencyCheckFactory<HttpCheckProperties> {

	@Override
	public String type() {
		return "http";
	}

	@Override
	public Class<HttpCheckProperties> settingsType() {
		return HttpCheckProperties.class;
	}

	@Override
	public DependencyCheck create(DependencyDeclaration<HttpCheckProperties> declaration) {
		HttpCheckProperties settings = declaration.settings();
		settings.getHeaders().values().forEach(declaration::secret);
		String url = declaration.require("url", settings.getUrl());
		URI uri = parseUrl(declaration, url);
		StatusRange expectedStatus;
		try {
			expectedStatus = StatusRange.parse(settings.getExpectedStatus());
		}
		catch (IllegalArgumentException ex) {
			throw declaration.invalid("expected-status", ex.getMessage(), "Set '"
					+ declaration.property("expected-status") + "' to codes and ranges such as 200-399 or 200,204.");
		}
		return new HttpCheck(uri, expectedStatus, settings.getHeaders(), declaration.timeout());
	}

	@Override
	public List<InetSocketAddress> addresses(DependencyDeclaration<HttpCheckProperties> declaration) {
		return Stream.ofNullable(UrlAddresses.of(declaration.settings().getUrl())).toList();
	}

	private static URI parseUrl(DependencyDeclaration<?> declaration, String url) {
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

	@Override
	public String permanentFailureAction(DependencyDeclaration<HttpCheckProperties> declaration,
			Map<String, Object> details) {
		return "Fix the credentials that '" + declaration.property("headers") + "' sends.";
	}

}
