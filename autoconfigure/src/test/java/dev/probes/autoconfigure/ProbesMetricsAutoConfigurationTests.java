package dev.probes.autoconfigure;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.probes.engine.CheckScheduler;
import dev.probes.metrics.DependencyMetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The metrics' auto-configuration: on with Micrometer, off without it or with Probes, and
 * bound to a registry with the meters of every declared dependency before its first
 * check.
 */
class ProbesMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(DependencyChecksAutoConfiguration.class, ProbesMetricsAutoConfiguration.class))
		.withPropertyValues("probes.dependencies.cache.type=tcp", "probes.dependencies.cache.host=127.0.0.1",
				"probes.dependencies.cache.port=9", "probes.dependencies.cache.critical=false");

	@Test
	void runWithMicrometerRegistersMetricsThatAreAlsoAStateListener() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(DependencyMetrics.class);
			MeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(DependencyMetrics.class).bindTo(registry);
			Tags cache = Tags.of("dependency", "cache", "type", "tcp", "critical", "false");
			assertThat(registry.get(DependencyMetrics.STATE).tags(cache).gauge().value()).isIn(-1.0, 0.0);
			assertThat(context.getBean(CheckScheduler.class).monitors()).hasSize(1);
			// The counts come from the attempts it is told of, as a state listener: the
			// port refuses, so the dependency goes down once and no attempt times out.
			await().atMost(Duration.ofSeconds(5))
				.until(() -> registry.get(DependencyMetrics.CHECKS)
					.tags(cache)
					.tag("outcome", "down")
					.functionCounter()
					.count() >= 1);
			assertThat(registry.get(DependencyMetrics.STATE).tags(cache).gauge().value()).isZero();
			assertThat(registry.get(DependencyMetrics.TRANSITIONS)
				.tags(cache)
				.tag("status", "down")
				.functionCounter()
				.count()).isOne();
			assertThat(registry.get(DependencyMetrics.CHECKS)
				.tags(cache)
				.tag("outcome", "timeout")
				.functionCounter()
				.count()).isZero();
		});
	}

	@Test
	void runWithoutMicrometerRegistersNothing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> assertThat(context).doesNotHaveBean(DependencyMetrics.class));
	}

	@Test
	void runWhenDisabledRegistersNothing() {
		this.contextRunner.withPropertyValues("probes.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DependencyMetrics.class));
	}

}
