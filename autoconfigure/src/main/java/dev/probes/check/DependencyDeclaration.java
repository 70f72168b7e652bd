package dev.probes.check;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A dependency as declared under {@code probes.dependencies.<name>}: its name, the
 * settings of its type, and helpers that reject bad values naming the exact property.
 *
 * @param <S> the type's settings
 */
public final class DependencyDeclaration<S> {

	private final String name;

	private final String type;

	private final Duration timeout;

	private final S settings;

	private final List<String> secrets = new ArrayList<>();

	/**
	 * Create a declaration.
	 * @param name the dependency's name
	 * @param type its type
	 * @param timeout the time limit of one attempt, which a check passes on to its client
	 * @param settings the type's settings, bound
	 */
	public DependencyDeclaration(String name, String type, Duration timeout, S settings) {
		this.name = name;
		this.type = type;
		this.timeout = timeout;
		this.settings = settings;
	}

	public String name() {
		return this.name;
	}

	public String type() {
		return this.type;
	}

	public Duration timeout() {
		return this.timeout;
	}

	public S settings() {
		return this.settings;
	}

	/**
	 * Return the full name of one of this dependency's properties.
	 * @param key the key, such as {@code url}
	 * @return for example {@code probes.dependencies.payments.url}
	 */
	public String property(String key) {
		return "probes.dependencies." + this.name + "." + key;
	}

	/**
	 * Return a required value, or fail naming the property.
	 * @param key the key, such as {@code host}
	 * @param value its bound value
	 * @param <T> the value's type
	 * @return the value
	 */
	public <T> T require(String key, @Nullable T value) {
		if (value == null || (value instanceof String text && text.isBlank())) {
			throw invalid(key, "a '" + this.type + "' dependency needs it", "Set '" + property(key) + "'.");
		}
		return value;
	}

	/**
	 * Return an exception that names the property.
	 * @param key the key
	 * @param problem what is wrong
	 * @param action how to fix it
	 * @return the exception, to throw
	 */
	public InvalidPropertyException invalid(String key, String problem, String action) {
		return new InvalidPropertyException(property(key), problem, action);
	}

	/**
	 * Declare a value that must never be shown (a password, a token, a header value): it
	 * is masked in every error, detail and log line about this dependency.
	 * @param secret the value, or {@code null}
	 */
	public void secret(@Nullable String secret) {
		if (secret != null) {
			this.secrets.add(secret);
		}
	}

	/**
	 * Declare the user info of a URL ({@code user:password}), and its password alone, as
	 * secrets.
	 * @param url a URL, possibly with user info, or {@code null}
	 */
	public void secretUserInfo(@Nullable String url) {
		String userInfo = Redactor.userInfo(url);
		if (userInfo != null) {
			secret(userInfo);
			int colon = userInfo.indexOf(':');
			if (colon >= 0) {
				secret(userInfo.substring(colon + 1));
			}
		}
	}

	/**
	 * Return the secrets declared so far.
	 * @return the secrets
	 */
	public List<String> secrets() {
		return Collections.unmodifiableList(this.secrets);
	}

	@Override
	public String toString() {
		return "DependencyDeclaration[" + this.name + ", type=" + this.type + "]";
	}

}
