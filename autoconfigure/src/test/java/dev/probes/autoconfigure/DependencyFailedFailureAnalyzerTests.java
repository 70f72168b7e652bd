package dev.probes.autoconfigure;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import dev.probes.startup.DependencyFailedException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report of a dependency that failed at start-up with an error that retrying will not
 * mend names where its credentials are set, which depends on its type and on whether it
 * has a {@code url} of its own; for a {@code kubernetes-endpoints} dependency, the Role
 * its service account lacks.
 */
class DependencyFailedFailureAnalyzerTests {

	@ParameterizedTest(name = "{0} with url {1}")
	@CsvSource(delimiter = '|',
			textBlock = """
					jdbc  |                              | (for the application's DataSource: 'spring.datasource.*')
					jdbc  | jdbc:postgresql://db:5432/app | in 'probes.dependencies.cache.url', 'probes.dependencies.cache.username' and 'probes.dependencies.cache.password'
					http  | http://payments/readyz        | Fix the credentials that 'probes.dependencies.cache.headers' sends.
					redis |                              | (for Spring Boot's RedisConnectionFactory: 'spring.data.redis.*')
					redis | redis://cache:6379            | Fix the credentials in 'probes.dependencies.cache.url'.
					amqp  |                              | (for Spring Boot's RabbitMQ ConnectionFactory: 'spring.rabbitmq.*')
					amqp  | amqp://rabbitmq:5672          | Fix the credentials in 'probes.dependencies.cache.url'.
					kafka |                              | (for Spring Boot's: 'spring.kafka.properties.sasl.jaas.config', 'spring.kafka.security.*', 'spring.kafka.ssl.*')
					""")
	void actionNamesWhereTheCredentialsAreSet(String type, String url, String action) {
		StandardEnvironment environment = new StandardEnvironment();
		Map<String, Object> properties = new HashMap<>(Map.of("probes.dependencies.cache.type", type));
		if (url != null) {
			properties.put("probes.dependencies.cache.url", url);
		}
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		DependencyFailedException failure = new DependencyFailedException("cache", "rejected");
		FailureAnalysis analysis = new DependencyFailedFailureAnalyzer(environment).analyze(failure);
		assertThat(analysis.getDescription())
			.isEqualTo("Critical dependency 'cache' failed with an error that retrying will not mend:\n\n    rejected");
		assertThat(analysis.getAction()).contains(action);
	}

	@Test
	void kubernetesEndpointsDeniedActionShowsTheRoleThatGrantsThePermission() {
		DependencyFailedException failure = new DependencyFailedException("peers", "HTTP 403: ...",
				Map.of("namespace", "billing", "resource", "endpoints", "apiGroup", "", "verb", "get", "status", 403,
						"serviceAccount", "shop:orders"));
		FailureAnalysis analysis = new DependencyFailedFailureAnalyzer(kubernetesEndpoints()).analyze(failure);
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
		DependencyFailedException failure = new DependencyFailedException("peers",
				"not running in a Kubernetes pod: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set");
		FailureAnalysis analysis = new DependencyFailedFailureAnalyzer(kubernetesEndpoints()).analyze(failure);
		assertThat(analysis.getAction()).isEqualTo("Run the application in a Kubernetes pod whose service-account"
				+ " token is mounted, or make 'probes.dependencies.peers' non-critical ('critical: false') where it"
				+ " runs outside Kubernetes, for example in a profile for local runs.");
	}

	private static StandardEnvironment kubernetesEndpoints() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("test", Map.of("probes.dependencies.peers.type", "kubernetes-endpoints")));
		return environment;
	}

}
