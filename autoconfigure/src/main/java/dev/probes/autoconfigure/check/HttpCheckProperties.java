package dev.probes.autoconfigure.check;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Keys of an {@code http} dependency.
 */
public class HttpCheckProperties {

	/** Absolute http or https URL to get, such as http://payments:8080/readyz. */
	private @Nullable String url;

	/**
	 * Status codes that count as up, as codes and ranges such as '200-399' or '200,204'.
	 */
	private String expectedStatus = "200-399";

	/** Headers to send, for example an authorization token. Values are never shown. */
	private final Map<String, String> headers = new LinkedHashMap<>();

	public @Nullable String getUrl() {
		return this.url;
	}

	public void setUrl(@Nullable String url) {
		this.url = url;
	}

	public String getExpectedStatus() {
		return this.expectedStatus;
	}

	public void setExpectedStatus(String expectedStatus) {
		this.expectedStatus = expectedStatus;
	}

	public Map<String, String> getHeaders() {
		return this.headers;
	}

}
