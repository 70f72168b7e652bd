package dev.probes.autoconfigure;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.probes.autoconfigure.check.KubernetesEndpointsCheckFactory;
import dev.probes.autoconfigure.check.KubernetesEndpointsCheckProperties;
import dev.probes.check.DependencyDeclaration;
import dev.probes.startup.DependencyFailedException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report of a dependency that failed at start-up with an error that retrying will not
 * mend: the error, and what the dependency's type says to do about it; for a
 * {@code kubernetes-endpoints} dependency, the Role its service account lacks. The other
 * types' actions: {@code PermanentFailureActionsTests}.
 */
class DependencyFailedFailureAnalyzerTests {

	private final DependencyFailedFailureAnalyzer analyzer = new DependencyFailedFailureAnalyzer();

	@Test
	void reportShowsTheErrorAndTheActionOfTheType() {
		FailureAnalysis analysis = this.analyzer
			.analyze(new DependencyFailedException("cache", "rejected", Map.of(), "Fix the password."));
		assertThat(analysis.getDescription())
			.isEqualTo("Critical dependency 'cache' failed with an error that retrying will not mend:\n\n    rejected");
		assertThat(analysis.getAction()).isEqualTo("Fix the password.");
	}

	@Test
	void dependencyOfAnUnknownTypeGetsAGeneralAction() {
		FailureAnalysis analysis = this.analyzer.analyze(new DependencyFailedException("cache", "rejected"));
		assertThat(analysis.getAction())
			.isEqualTo("Fix what the error names, in the dependency or in the application's settings for it.");
	}

	@Test
	void kubernetesEndpointsDeniedActionShowsTheRoleThatGrantsThePermission() {
		DependencyFailedException failure = kubernetesEndpointsFailure("HTTP 403: ...",
				Map.of("namespace", "billing", "resource", "endpoints", "apiGroup", "", "verb", "get", "status", 403,
						"serviceAccount", "shop:orders"));
		FailureAnalysis analysis = this.analyzer.analyze(failure);
		assertThat(analysis.getAction()).isEqualTo("""
				Grant the pod's service account get on 'endpoints' in namespace 'billing' with this Role and \
				RoleBinding (kubectl apply -f), then let the pod restart:

				    apiVersion: rbac.authorization.k8s.io/v1
				    kind: Role
				    metadata:
				      name: probes-endpoints-reader
				      namespace: billing
				    rules:
				      - apiGroups: [""]
				        resources: ["endpoints"]
				        verbs: ["get"]
				    ---
				    apiVersion: rbac.authorization.k8s.io/v1
				    kind: RoleBinding
				    metadata:
				      name: probes-endpoints-reader
				      namespace: billing
				    subjects:
				      - kind: ServiceAccount
				        name: orders
				        namespace: shop
				    roleRef:
				      apiGroup: rbac.authorization.k8s.io
				      kind: Role
				      name: probes-endpoints-reader""");
	}

	@Test
	void kubernetesEndpointsOutsideAPodActionSaysWhereItRunsOrHowToMakeItNonCritical() {
		DependencyFailedException failure = kubernetesEndpointsFailure(
				"not running in a Kubernetes pod: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set",
				Map.of());
		FailureAnalysis analysis = this.analyzer.analyze(failure);
		assertThat(analysis.getAction()).isEqualTo("Run the application in a Kubernetes pod whose service-account"
				+ " token is mounted, or make 'probes.dependencies.peers' non-critical ('critical: false') where it"
				+ " runs outside Kubernetes, for example in a profile for local runs.");
	}

	/**
	 * The failure as the start-up gate raises it, with the action that the type's factory
	 * gives for the details.
	 */
	private static DependencyFailedException kubernetesEndpointsFailure(String error, Map<String, Object> details) {
		KubernetesEndpointsCheckFactory factory = new KubernetesEndpointsCheckFactory();
		String action = factory.permanentFailureAction(new DependencyDeclaration<>("peers", factory.type(),
				Duration.ofSeconds(1), new KubernetesEndpointsCheckProperties()), details);
		return new DependencyFailedException("peers", error, details, action);
	}

}
