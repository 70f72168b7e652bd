package dev.probes.startup;

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
import org.springframework.context.ConfigurableApplicationContext;

import dev.probes.test.KubernetesApiServer;
import dev.probes.test.KubernetesApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The start-up wait for a {@code kubernetes-endpoints} dependency, against fabric8's
 * Kubernetes API server: it holds the application until the Service has its ready
 * endpoints, and ends at once, with the Role to add, when the API server refuses the
 * service account (403) or its token (401), or when the application is not in a pod at
 * all.
 */
@ExtendWith(OutputCaptureExtension.class)
class KubernetesEndpointsStartupWaitTests {

	private static final String SERVICE = "payments";

	/** Far longer than any of these tests may take. */
	private static final Duration WAIT_TIMEOUT = Duration.ofSeconds(60);

	@RegisterExtension
	static final KubernetesApiServer api = new KubernetesApiServer();

	@Test
	void waitEndsOnceTheServiceHasItsReadyEndpoints() throws Exception {
		api.endpointSlice(SERVICE, "IPv4", 1, 2);
		Thread ready = new Thread(() -> {
			try {
				Thread.sleep(1500);
				api.endpointSlice(SERVICE, "IPv4", 3, 0);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		long started = System.nanoTime();
		ready.start();
		try (ConfigurableApplicationContext context = run(List.of("min-ready=3"))) {
			Duration waited = Duration.ofNanos(System.nanoTime() - started);
			assertThat(waited).isGreaterThan(Duration.ofMillis(1500)).isLessThan(WAIT_TIMEOUT);
		}
		finally {
			ready.join();
		}
	}

	@Test
	void forbiddenEndsTheWaitAtOnceWithTheRoleToAdd(CapturedOutput output) {
		api.endpointSlice(SERVICE, "IPv4", 3, 0);
		api.forbid("endpointslices");
		Duration failedAfter = failingRun(output);
		String report = report(output);
		assertThat(report).contains("Critical dependency '" + SERVICE + "' failed with an error that retrying will not"
				+ " mend:\n\n    HTTP 403: service account shop:orders lacks list on endpointslices (API group"
				+ " discovery.k8s.io) in namespace shop: grant it with a Role and a RoleBinding");
		assertThat(report).contains("Grant the pod's service account list on 'endpointslices' in namespace 'shop'", """
				    kind: Role
				    metadata:
				      name: probes-endpoints-reader
				      namespace: shop
				    rules:
				      - apiGroups: ["discovery.k8s.io"]
				        resources: ["endpointslices"]
				        verbs: ["get", "list"]
				""", """
				    subjects:
				      - kind: ServiceAccount
				        name: orders
				        namespace: shop
				""");
		assertThat(output.toString()).doesNotContain(api.token());
		System.out.printf(
				"MEASURED start-up wait, kubernetes-endpoints forbidden (403): failed after %dms" + " (deadline %ds)%n",
				failedAfter.toMillis(), WAIT_TIMEOUT.toSeconds());
	}

	@Test
	void rejectedTokenEndsTheWaitAtOnceSayingSo(CapturedOutput output) {
		api.endpointSlice(SERVICE, "IPv4", 3, 0);
		String token = api.token();
		api.revokeToken();
		failingRun(output);
		String report = report(output);
		assertThat(report).contains("HTTP 401: the Kubernetes API rejected the service-account token; the pod's"
				+ " service account needs list on endpointslices (API group discovery.k8s.io) in namespace shop",
				"The Kubernetes API did not accept the pod's service-account token", "resources: [\"endpointslices\"]",
				"name: default  # the pod's serviceAccountName", "namespace: shop  # the pod's namespace");
		assertThat(output.toString()).doesNotContain(token);
	}

	@Test
	void outsideAPodEndsTheWaitAtOnceSayingSo(CapturedOutput output) {
		assumeThat(System.getenv("KUBERNETES_SERVICE_HOST")).as("not run in a Kubernetes pod").isNull();
		long started = System.nanoTime();
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(KubernetesApplication.class).web(WebApplicationType.NONE)
				.properties(properties(List.of()).toArray(String[]::new))
				.run()
				.close());
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(WAIT_TIMEOUT.dividedBy(2));
		assertThat(output.toString()).as("failed at the first attempt").doesNotContain("waiting for " + SERVICE);
		assertThat(report(output)).contains(
				"not running in a Kubernetes pod: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set",
				"make 'probes.dependencies.payments' non-critical ('critical: false')");
	}

	private static Duration failingRun(CapturedOutput output) {
		long started = System.nanoTime();
		assertThatException().isThrownBy(() -> run(List.of()).close());
		Duration failedAfter = Duration.ofNanos(System.nanoTime() - started);
		// A context that starts cold on a busy machine takes seconds: the first attempt
		// ended it.
		assertThat(failedAfter).as("ended long before the deadline").isLessThan(WAIT_TIMEOUT.dividedBy(2));
		assertThat(output.toString()).as("failed at the first attempt").doesNotContain("waiting for " + SERVICE);
		return failedAfter;
	}

	private static ConfigurableApplicationContext run(List<String> dependencyProperties) {
		List<String> properties = new ArrayList<>(List.of(KubernetesApplication.pointedAt(api)));
		properties.addAll(properties(dependencyProperties));
		return new SpringApplicationBuilder(KubernetesApplication.class).web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new))
			.run();
	}

	private static List<String> properties(List<String> dependencyProperties) {
		String dependency = "probes.dependencies." + SERVICE + ".";
		List<String> properties = new ArrayList<>(List.of("spring.main.banner-mode=off", "probes.startup.wait=true",
				"probes.startup.timeout=" + WAIT_TIMEOUT.toSeconds() + "s", dependency + "type=kubernetes-endpoints",
				dependency + "service=" + SERVICE));
		dependencyProperties.forEach((property) -> properties.add(dependency + property));
		return properties;
	}

	private static String report(CapturedOutput output) {
		String console = output.toString();
		int start = console.indexOf("APPLICATION FAILED TO START");
		assertThat(start).as("a failure report in:%n%s", console).isNotNegative();
		return console.substring(start);
	}

}
