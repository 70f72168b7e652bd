package dev.probes.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.probes.test.KubeletClient;
import dev.probes.test.MessagingApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link MessagingApplication messaging applications} of an outage test, each on a
 * port of its own, and {@code /readyz} probed as the kubelet does: what the outage tests
 * of every messaging type share, with the timing of the tuned example in
 * docs/configuration.md and the bounds the contract sets on it.
 */
final class ProbedApplications implements AutoCloseable {

	/** Timing of the tuned example in docs/configuration.md. */
	static final List<String> TIMING = List.of("interval=1s", "interval-when-down=500ms", "timeout=500ms");

	/** {@code interval + timeout}: the contract's bound on seeing an outage. */
	static final Duration DETECTION_BOUND = Duration.ofMillis(1500);

	/** Allowance for scheduling and the verdict's refresh on a busy 2-core machine. */
	static final Duration MARGIN = Duration.ofMillis(500);

	/**
	 * A probe blocked on the dependency would take the check's 500 ms timeout or longer.
	 */
	static final Duration BLOCKED = Duration.ofMillis(250);

	/** How many checks the tests of connection counts let run. */
	static final int CHECKS = 100;

	/** A short interval, so that the checks add up quickly. */
	static final List<String> SHORT_INTERVAL = List.of("interval=100ms", "interval-when-down=100ms", "timeout=100ms");

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	/**
	 * Start an application on a free port, which shows health details and stops at once.
	 * @param properties its properties
	 * @return its context, closed by {@link #close()}
	 */
	ConfigurableApplicationContext start(List<String> properties) {
		List<String> all = new ArrayList<>(List.of("server.port=0", "server.shutdown=immediate",
				"management.endpoint.health.show-details=always"));
		all.addAll(properties);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(MessagingApplication.class)
			.web(WebApplicationType.SERVLET)
			.properties(all.toArray(String[]::new))
			.run();
		this.contexts.add(context);
		return context;
	}

	/**
	 * Close every application started.
	 */
	@Override
	public void close() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
		this.contexts.clear();
	}

	/**
	 * Return a property of a declared dependency.
	 * @param name the dependency's name
	 * @param property the property and its value, such as {@code type=redis}
	 * @return {@code probes.dependencies.<name>.<property>}
	 */
	static String dependency(String name, String property) {
		return "probes.dependencies." + name + "." + property;
	}

	static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	/**
	 * Probe {@code /readyz} as the kubelet does, without pause, until it answers a
	 * status.
	 * @param port the application's port
	 * @param status the status to wait for
	 * @param limit how long to wait
	 * @return when it did, and the slowest answer on the way
	 * @throws AssertionError when it did not within the limit
	 */
	static Answers awaitStatus(int port, int status, Duration limit) {
		long started = System.nanoTime();
		long slowest = 0;
		while (System.nanoTime() - started < limit.toNanos()) {
			long asked = System.nanoTime();
			int answered = KubeletClient.status(port, "/readyz");
			long answeredAt = System.nanoTime();
			slowest = Math.max(slowest, answeredAt - asked);
			if (answered == status) {
				return new Answers(answeredAt, Duration.ofNanos(slowest));
			}
		}
		throw new AssertionError("/readyz never answered " + status + " within " + limit);
	}

	/**
	 * Return the verbose {@code /readyz} body.
	 * @param port the application's port
	 * @return the body, empty when no answer came
	 */
	static String readyzBody(int port) {
		KubeletClient.Answer answer = KubeletClient.get(port, "/readyz?verbose");
		return (answer != null) ? answer.body() : "";
	}

	/**
	 * Return the body of the dependency's health endpoint, its white space collapsed.
	 * @param port the application's port
	 * @param name the dependency's name
	 * @return the body, empty when no answer came
	 */
	static String health(int port, String name) {
		KubeletClient.Answer answer = KubeletClient.get(port, "/actuator/health/" + name);
		return (answer != null) ? answer.body().replaceAll("\\s+", " ") : "";
	}

	/**
	 * Assert that no probe or health answer, plain or JSON, shows any of the secrets.
	 * @param port the application's port
	 * @param name the dependency's name
	 * @param secrets what must not show
	 */
	static void assertNoAnswerShows(int port, String name, String... secrets) {
		for (String path : List.of("/readyz?verbose", "/readyz/" + name, "/actuator/health", "/actuator/health/" + name,
				"/actuator/health/readiness")) {
			for (String accept : List.of("", "Accept: application/json\r\n")) {
				KubeletClient.Answer answer = KubeletClient.get(port, path, accept);
				assertThat(answer).as(path).isNotNull();
				for (String secret : secrets) {
					assertThat(answer.body()).as(path).doesNotContain(secret);
				}
			}
		}
	}

	/**
	 * What probing until a status saw.
	 *
	 * @param at when the status was answered, in {@link System#nanoTime()}
	 * @param slowest the slowest answer on the way
	 */
	record Answers(long at, Duration slowest) {

	}

}
