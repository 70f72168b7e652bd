package dev.probes.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.probes.autoconfigure.check.KubernetesEndpointsCheckFactory;
import dev.probes.check.CheckResult;
import dev.probes.check.InvalidPropertyException;
import dev.probes.check.KubernetesEndpointsCheck;
import dev.probes.engine.CheckScheduler;
import dev.probes.engine.DependencyMonitor;
import dev.probes.test.KubernetesApiServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Auto-configuration of {@code kubernetes-endpoints} dependencies: Probes' factory reads
 * the standard in-cluster locations, a factory bean of the application's own takes its
 * place, and the declaration's keys are bound, defaulted and checked.
 */
class KubernetesEndpointsCheckAutoConfigurationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@RegisterExtension
	static final KubernetesApiServer api = new KubernetesApiServer();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DependencyChecksAutoConfiguration.class));

	@Test
	void runRegistersFactoryForInClusterAccess() {
		assumeThat(System.getenv("KUBERNETES_SERVICE_HOST")).as("not run in a Kubernetes pod").isNull();
		this.contextRunner
			.withPropertyValues("probes.dependencies.payments.type=kubernetes-endpoints",
					"probes.dependencies.payments.service=payments")
			.run((context) -> {
				assertThat(context).hasSingleBean(KubernetesEndpointsCheckFactory.class);
				DependencyMonitor monitor = monitor(context.getBean(CheckScheduler.class));
				assertThat(monitor.type()).isEqualTo("kubernetes-endpoints");
				assertThat(monitor.check()).isInstanceOf(KubernetesEndpointsCheck.class);
				CheckResult result = monitor.check().check(TIMEOUT);
				assertThat(result.permanent()).isTrue();
				assertThat(result.error()).startsWith("not running in a Kubernetes pod: ");
			});
	}

	@Test
	void runWhenUserDefinesFactoryBacksOffAndChecksWithIt() {
		api.endpointSlice("payments", "IPv4", 2, 0);
		this.contextRunner.withUserConfiguration(TestClusterConfiguration.class)
			.withPropertyValues("probes.dependencies.payments.type=kubernetes-endpoints",
					"probes.dependencies.payments.service=payments")
			.run((context) -> {
				assertThat(context).hasSingleBean(KubernetesEndpointsCheckFactory.class);
				CheckResult result = monitor(context.getBean(CheckScheduler.class)).check().check(TIMEOUT);
				assertThat(result.up()).isTrue();
				assertThat(result.details()).containsEntry("ready", 2).containsEntry("namespace", "shop");
			});
	}

	@Test
	void runWhenNamespaceAndMinReadySetChecksWithThem() {
		api.endpointSlice("payments", "IPv4", 2, 0);
		this.contextRunner.withUserConfiguration(TestClusterConfiguration.class)
			.withPropertyValues("probes.dependencies.payments.type=kubernetes-endpoints",
					"probes.dependencies.payments.service=payments", "probes.dependencies.payments.min-ready=3",
					"probes.dependencies.payments.namespace=shop")
			.run((context) -> {
				CheckResult result = monitor(context.getBean(CheckScheduler.class)).check().check(TIMEOUT);
				assertThat(result.error()).isEqualTo("2 ready endpoints, need 3");
			});
	}

	@Test
	void runWhenServiceMissingFailsNamingIt() {
		this.contextRunner.withPropertyValues("probes.dependencies.payments.type=kubernetes-endpoints")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("probes.dependencies.payments.service"));
	}

	@Test
	void runWhenKeyOfAnotherTypeSetFailsNamingTheKeysItTakes() {
		this.contextRunner
			.withPropertyValues("probes.dependencies.payments.type=kubernetes-endpoints",
					"probes.dependencies.payments.service=payments", "probes.dependencies.payments.host=payments")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidPropertyException.class,
						(ex) -> assertThat(ex.getAction()).isEqualTo("Remove 'probes.dependencies.payments.host', or"
								+ " correct the type: a 'kubernetes-endpoints' dependency takes service, namespace,"
								+ " min-ready.")));
	}

	@Test
	void keysOfKubernetesEndpointsAreRejectedOnOtherTypes() {
		this.contextRunner
			.withPropertyValues("probes.dependencies.cache.type=tcp", "probes.dependencies.cache.host=127.0.0.1",
					"probes.dependencies.cache.port=6379", "probes.dependencies.cache.min-ready=2")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("'min-ready' is not a key of type 'tcp'"));
	}

	private static DependencyMonitor monitor(CheckScheduler scheduler) {
		return scheduler.monitor("payments").orElseThrow();
	}

	@Configuration(proxyBeanMethods = false)
	static class TestClusterConfiguration {

		@Bean
		KubernetesEndpointsCheckFactory testClusterFactory() {
			return new KubernetesEndpointsCheckFactory(api.access());
		}

	}

}
