package dev.probes.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.PropertyResolver;

/**
 * Checks the sample's Kubernetes Deployment against the application it runs: every probe
 * points at a path the application serves, on the port it serves it on; the
 * startupProbe's budget covers the start-up wait; the grace period covers the drain and
 * Spring's shutdown. Returns the problems found, each naming the manifest field at fault.
 */
final class ManifestCheck {

	private static final Duration DEFAULT_SHUTDOWN_PHASE = Duration.ofSeconds(30);

	private ManifestCheck() {
	}

	/**
	 * Check a manifest.
	 * @param manifest the manifest's YAML, one or more documents
	 * @param configuration the application's configuration as the container would see it
	 * (its {@code application.yml} resolved with the container's environment)
	 * @param served the status the running application answers for a path
	 * @return the problems, empty when the manifest agrees with the application
	 */
	static List<String> problems(String manifest, PropertyResolver configuration, ToIntFunction<String> served) {
		List<String> problems = new ArrayList<>();
		Map<String, Object> deployment = deployment(manifest);
		Map<String, Object> pod = map(map(map(deployment, "spec"), "template"), "spec");
		Map<String, Object> container = map(list(pod, "containers").get(0), null);
		Map<String, Integer> ports = new LinkedHashMap<>();
		for (Object port : list(container, "ports")) {
			ports.put((String) map(port, null).get("name"), (Integer) map(port, null).get("containerPort"));
		}
		int applicationPort = configuration.getRequiredProperty("server.port", Integer.class);
		Integer managementPort = configuration.getProperty("management.server.port", Integer.class);
		for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
			Map<String, Object> get = map(map(container, probe), "httpGet");
			String path = (String) get.get("path");
			Object port = get.get("port");
			Integer containerPort = (port instanceof String name) ? ports.get(name) : (Integer) port;
			if (containerPort == null || (containerPort != applicationPort && !containerPort.equals(managementPort))) {
				problems.add(probe + ".httpGet.port is " + port + " (" + containerPort + "), but the application serves"
						+ " on " + applicationPort + ((managementPort != null) ? " and " + managementPort : ""));
			}
			int status = served.applyAsInt(path);
			if (status != 200 && status != 503) {
				problems.add(probe + ".httpGet.path " + path + " is not a probe path of the application (HTTP " + status
						+ ")");
			}
		}
		if (configuration.getProperty("probes.startup.wait", Boolean.class, false)) {
			Duration timeout = duration(configuration, "probes.startup.timeout", Duration.ofSeconds(60));
			Map<String, Object> startup = map(container, "startupProbe");
			Duration budget = Duration
				.ofSeconds((long) number(startup, "periodSeconds", 10) * number(startup, "failureThreshold", 3));
			if (budget.compareTo(timeout) < 0) {
				problems.add("startupProbe allows " + budget.toSeconds() + " s (periodSeconds x failureThreshold), less"
						+ " than probes.startup.timeout (" + timeout.toSeconds() + " s)");
			}
		}
		Duration drain = duration(configuration, "probes.shutdown.drain-delay", Duration.ZERO);
		Duration phase = duration(configuration, "spring.lifecycle.timeout-per-shutdown-phase", DEFAULT_SHUTDOWN_PHASE);
		Duration grace = Duration.ofSeconds(number(pod, "terminationGracePeriodSeconds", 30));
		if (grace.compareTo(drain.plus(phase)) <= 0) {
			problems.add("terminationGracePeriodSeconds is " + grace.toSeconds() + ", not above the drain ("
					+ drain.toSeconds() + " s) plus Spring's shutdown phase (" + phase.toSeconds() + " s)");
		}
		return problems;
	}

	/**
	 * The environment variables of the Deployment's container that have a literal value.
	 * @param manifest the manifest's YAML
	 * @return the variables, by name
	 */
	static Map<String, Object> environment(String manifest) {
		Map<String, Object> container = map(
				list(map(map(map(deployment(manifest), "spec"), "template"), "spec"), "containers").get(0), null);
		Map<String, Object> environment = new LinkedHashMap<>();
		for (Object variable : list(container, "env")) {
			Map<String, Object> entry = map(variable, null);
			if (entry.containsKey("value")) {
				environment.put((String) entry.get("name"), String.valueOf(entry.get("value")));
			}
		}
		return environment;
	}

	private static Map<String, Object> deployment(String manifest) {
		Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
		for (Object document : yaml.loadAll(manifest)) {
			if (document instanceof Map<?, ?> map && "Deployment".equals(map.get("kind"))) {
				return map(map, null);
			}
		}
		throw new IllegalArgumentException("No Deployment in the manifest");
	}

	private static Duration duration(PropertyResolver configuration, String key, Duration fallback) {
		String value = configuration.getProperty(key);
		return (value != null) ? DurationStyle.detectAndParse(value) : fallback;
	}

	private static int number(Map<String, Object> map, String key, int fallback) {
		Object value = map.get(key);
		return (value instanceof Integer number) ? number : fallback;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object parent, String key) {
		Object value = (key != null) ? ((Map<String, Object>) parent).get(key) : parent;
		if (!(value instanceof Map)) {
			throw new IllegalArgumentException("Expected a mapping at '" + key + "'");
		}
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Map<String, Object> parent, String key) {
		Object value = parent.get(key);
		return (value instanceof List) ? (List<Object>) value : List.of();
	}

}
