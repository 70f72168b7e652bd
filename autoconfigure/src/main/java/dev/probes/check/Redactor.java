package dev.probes.check;

import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Makes any text about a dependency safe to show in a probe body, a health detail, a log
 * line or a start-up report: the dependency's own secrets (its password, header values,
 * URL user info) masked, any URL user info and secret-looking parameters removed, cut to
 * its first line and a bounded length. The one place where Probes masks secrets.
 */
public final class Redactor {

	private static final String MASK = "******";

	private static final int MAX_LENGTH = 200;

	/**
	 * Secrets shorter than this are not masked: masking "a" would shred every message.
	 */
	private static final int MIN_SECRET_LENGTH = 3;

	private static final Pattern URL_USER_INFO = Pattern.compile("(?<=://)[^/?#\\s]*@");

	private static final Pattern SECRET_PARAMETER = Pattern
		.compile("(?i)((?:password|passwd|pwd|token|secret|apikey|api-key|access_token)=)[^&;\\s,)]+");

	private static final Redactor NONE = new Redactor(List.of());

	private final List<String> secrets;

	private Redactor(List<String> secrets) {
		this.secrets = secrets;
	}

	/**
	 * Return a redactor that knows no secret of its own, for text that is not about one
	 * dependency: it still removes URL user info and secret-looking parameters.
	 * @return the redactor
	 */
	public static Redactor none() {
		return NONE;
	}

	/**
	 * Return a redactor that also masks the given secrets.
	 * @param secrets a dependency's secrets
	 * @return the redactor
	 */
	public static Redactor of(Collection<String> secrets) {
		return new Redactor(secrets.stream().filter((secret) -> secret.length() >= MIN_SECRET_LENGTH).toList());
	}

	/**
	 * Make text safe to show without knowing whose it is: URL user info and
	 * secret-looking parameters removed, first line, bounded length.
	 * @param text any text that may echo a URL
	 * @return the text, safe to show
	 */
	public static String scrub(String text) {
		return NONE.safe(text);
	}

	/**
	 * Return the user info of a URL, such as {@code user:password}; JDBC URLs included.
	 * @param url a URL, or {@code null}
	 * @return its raw user info, or {@code null} when it has none or is not a URL
	 */
	public static @Nullable String userInfo(@Nullable String url) {
		if (url == null) {
			return null;
		}
		try {
			return URI.create(url.startsWith("jdbc:") ? url.substring(5) : url).getRawUserInfo();
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * Return the text with every known secret masked; any other line or length kept.
	 * @param text the text to show
	 * @return the masked text
	 */
	public String redact(String text) {
		String redacted = text;
		for (String secret : this.secrets) {
			redacted = redacted.replace(secret, MASK);
		}
		return redacted;
	}

	/**
	 * Make any text about the dependency safe to show: its secrets masked, URL user info
	 * and secret-looking parameters removed, cut to its first line and a bounded length.
	 * @param text any text that may echo a URL or a secret
	 * @return the text, safe to show
	 */
	public String safe(String text) {
		String firstLine = redact(text).lines().findFirst().orElse("").strip();
		String scrubbed = SECRET_PARAMETER.matcher(URL_USER_INFO.matcher(firstLine).replaceAll(MASK + "@"))
			.replaceAll("$1" + MASK);
		return (scrubbed.length() <= MAX_LENGTH) ? scrubbed : scrubbed.substring(0, MAX_LENGTH) + "...";
	}

}
