package dev.probes.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.json.JsonWriter;

/**
 * Renders a verdict in the shape of Actuator's health group answer ({@code components}
 * sorted by name, each with its {@code details}, then {@code status}, in the order
 * Actuator writes them), so that clients asking for JSON on {@code /readyz} read what
 * {@code /actuator/health/readiness} gives them.
 */
final class ActuatorJson {

	private static final JsonWriter<Object> writer = JsonWriter.standard();

	private ActuatorJson() {
	}

	static byte[] group(Status status, List<Verdict.Check> checks, boolean showComponents, boolean showDetails) {
		Map<String, Object> body = new LinkedHashMap<>();
		if (showComponents && !checks.isEmpty()) {
			Map<String, Object> components = new TreeMap<>();
			for (Verdict.Check check : checks) {
				components.put(check.name(), component(check.health(), showDetails));
			}
			body.put("components", components);
		}
		body.putAll(status(status));
		return write(body);
	}

	static byte[] write(Map<String, Object> body) {
		return writer.writeToString(body).getBytes(StandardCharsets.UTF_8);
	}

	private static Map<String, Object> component(Health health, boolean showDetails) {
		Map<String, Object> component = new LinkedHashMap<>();
		if (showDetails && !health.getDetails().isEmpty()) {
			component.put("details", health.getDetails());
		}
		component.putAll(status(health.getStatus()));
		return component;
	}

	static Map<String, Object> status(Status status) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", status.getCode());
		if (!status.getDescription().isEmpty()) {
			body.put("description", status.getDescription());
		}
		return body;
	}

}
