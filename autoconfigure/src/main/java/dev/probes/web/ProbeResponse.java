package dev.probes.web;

import java.nio.charset.StandardCharsets;

/**
 * A probe's answer, ready to write: the servlet filter, the WebFlux filter and the probe
 * server all write these bytes as they are.
 *
 * @param status the HTTP status
 * @param contentType the value of the {@code Content-Type} header
 * @param body the body
 */
public record ProbeResponse(int status, String contentType, byte[] body) {

	static final String TEXT = "text/plain;charset=utf-8";

	static final String JSON = "application/json";

	static final String ACTUATOR_JSON = "application/vnd.spring-boot.actuator.v3+json";

	static ProbeResponse text(int status, String body) {
		return new ProbeResponse(status, TEXT, body.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Return the same answer with another content type.
	 * @param contentType the content type
	 * @return the answer
	 */
	ProbeResponse as(String contentType) {
		return new ProbeResponse(this.status, contentType, this.body);
	}

}
