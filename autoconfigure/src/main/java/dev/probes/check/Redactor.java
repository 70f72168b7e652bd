package dev.probes.check;

import java.util.Collection;
import java.util.List;

/**
 * Masks the secrets of one dependency (its password, header values, URL user info) in any
 * text about it, as a last line of defence behind {@link FailureDescriptions}.
 */
public final class Redactor {

	private static final String MASK = "******";

	/** Secrets shorter than this are not masked: masking "a" would shred every message. */
	private static final int MIN_SECRET_LENGTH = 3;

	private final List<String> secrets;

	private Redactor(List<String> secrets) {
		this.secrets = secrets;
	}

	public static Redactor none() {
		return new Redactor(List.of());
	}

	public static Redactor of(Collection<String> secrets) {
		return new Redactor(secrets.stream().filter((secret) -> secret.length() >= MIN_SECRET_LENGTH).toList());
	}

	/**
	 * Return the text with every known secret masked.
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

}
