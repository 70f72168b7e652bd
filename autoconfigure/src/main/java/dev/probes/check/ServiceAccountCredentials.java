package dev.probes.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.regex.Pattern;

/**
 * The service account's token and CA certificate, as read from their files for one
 * attempt.
 *
 * <p>
 * The kubelet rotates the token (a bound token expires, an hour by default) by writing
 * the file anew, atomically; reading it for each attempt sends the token that is valid
 * now. The token is a secret: {@link #toString()} never shows it, and no message about it
 * does.
 */
final class ServiceAccountCredentials {

	/** RFC 6750's b64token: what a bearer token may hold, and so a header value. */
	private static final Pattern BEARER_TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

	private final String token;

	private final byte[] caCertificate;

	private ServiceAccountCredentials(String token, byte[] caCertificate) {
		this.token = token;
		this.caCertificate = caCertificate;
	}

	/**
	 * Read the token and the CA certificate.
	 * @param access where the files are
	 * @return the credentials
	 * @throws java.nio.file.NoSuchFileException when a file does not exist
	 * @throws IOException when a file cannot be read, or the token file holds no bearer
	 * token
	 */
	static ServiceAccountCredentials read(KubernetesAccess access) throws IOException {
		String token = Files.readString(access.tokenFile(), StandardCharsets.UTF_8).strip();
		if (!BEARER_TOKEN.matcher(token).matches()) {
			// Never say what the file holds: it may be a token all the same.
			throw new IOException(access.tokenFile() + " holds no bearer token");
		}
		return new ServiceAccountCredentials(token, Files.readAllBytes(access.caFile()));
	}

	String token() {
		return this.token;
	}

	byte[] caCertificate() {
		return this.caCertificate;
	}

	@Override
	public String toString() {
		return "ServiceAccountCredentials[token=******]";
	}

}
