package dev.probes.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.probes.test.KubeletClient;
import dev.probes.test.KubernetesApiServer;
import dev.probes.test.KubernetesApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An application with a {@code kubernetes-endpoints} dependency, against fabric8's
 * Kubernetes API server: {@code /readyz} follows the Service's ready endpoints, whether
 * the cluster serves EndpointSlices or only Endpoints, and the service account's token
 * shows in no probe body, health detail or log line, though the check sends it every
 * attempt and it rotates.
 */
@ExtendWith(OutputCaptureExtension.class)
class KubernetesEndpointsReadinessTests {

	private static final String SERVICE = "payments";

	private static final Duration TRANSITION_WAIT = Duration.ofSeconds(10);

	@RegisterExtension
	static final KubernetesApiServer api = new KubernetesApiServer();

	@Test
	void readyzFollowsReadyEndpointSlicesAndNoAnswerOrLogLineShowsTheToken(CapturedOutput output) throws Exception {
		List<String> tokens = new ArrayList<>(List.of(api.token()));
		api.endpointSlice(SERVICE, "IPv4", 0, 3);
		try (ConfigurableApplicationContext context = start()) {
			int port = port(context);
			awaitReadyz(port, 503);
			await().atMost(TRANSITION_WAIT)
				.until(() -> KubeletClient.get(port, "/actuator/health/" + SERVICE)
					.body()
					.contains("0 ready endpoints, need 1"));
			api.endpointSlice(SERVICE, "IPv4", 3, 0);
			awaitReadyz(port, 200);
			tokens.add(api.rotateToken());
			await().atMost(TRANSITION_WAIT).until(() -> api.authorizations().contains("Bearer " + tokens.get(1)));
			assertThat(KubeletClient.status(port, "/readyz")).isEqualTo(200);
			api.endpointSlice(SERVICE, "IPv4", 0, 3);
			awaitReadyz(port, 503);
			api.forbid("endpointslices");
			await().atMost(TRANSITION_WAIT)
				.until(() -> KubeletClient.get(port, "/actuator/health/" + SERVICE).body().contains("HTTP 403"));
			assertThat(answers(port)).allSatisfy((answer) -> tokens
				.forEach((token) -> assertThat(answer).doesNotContain(token).doesNotContain(token.substring(0, 40))));
		}
		assertThat(output.toString()).contains(SERVICE + " DOWN (0 ready endpoints, need 1)")
			.contains(SERVICE + " UP after 1 success");
		tokens.forEach((token) -> assertThat(output.toString()).doesNotContain(token));
	}

	@Test
	void readyzFollowsReadyEndpointsWhereTheDiscoveryApiIsNotServed() throws Exception {
		api.stopServingDiscoveryApi();
		api.endpoints(SERVICE, 0, 3);
		try (ConfigurableApplicationContext context = start()) {
			int port = port(context);
			awaitReadyz(port, 503);
			api.endpoints(SERVICE, 3, 0);
			awaitReadyz(port, 200);
			assertThat(KubeletClient.get(port, "/actuator/health/" + SERVICE).body())
				.contains("\"resource\":\"endpoints\"")
				.contains("\"ready\":3");
			api.endpoints(SERVICE, 0, 3);
			awaitReadyz(port, 503);
		}
	}

	/** Every path that shows the dependency, as text and as JSON. */
	private static List<String> answers(int port) {
		List<String> answers = new ArrayList<>();
		for (String path : List.of("/readyz?verbose", "/readyz/" + SERVICE, "/actuator/health",
				"/actuator/health/" + SERVICE, "/actuator/health/readiness")) {
			for (String accept : List.of("", "Accept: application/json\r\n")) {
				KubeletClient.Answer answer = KubeletClient.get(port, path, accept);
				assertThat(answer).as(path).isNotNull();
				answers.add(answer.body());
			}
		}
		assertThat(answers).anySatisfy((answer) -> assertThat(answer).contains("HTTP 403"));
		return answers;
	}

	private static ConfigurableApplicationContext start() {
		String dependency = "probes.dependencies." + SERVICE + ".";
		return new SpringApplicationBuilder(KubernetesApplication.class).web(WebApplicationType.SERVLET)
			.properties(KubernetesApplication.pointedAt(api))
			.properties("server.port=0", "server.shutdown=immediate", "management.endpoint.health.show-details=always",
					dependency + "type=kubernetes-endpoints", dependency + "service=" + SERVICE,
					dependency + "interval=300ms", dependency + "interval-when-down=100ms",
					dependency + "timeout=300ms")
			.run();
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private static void awaitReadyz(int port, int status) {
		await().atMost(TRANSITION_WAIT)
			.pollInterval(Duration.ofMillis(50))
			.until(() -> KubeletClient.status(port, "/readyz") == status);
	}

}
