package dev.probes.autoconfigure;

import java.util.List;

import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.probes.engine.CheckScheduler;
import dev.probes.metrics.DependencyMetrics;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the Micrometer metrics of the
 * dependency checks. Spring Boot binds the {@link MeterBinder} to the application's meter
 * registries, such as Prometheus's; without a registry nothing is published.
 */
@AutoConfiguration
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBooleanProperty(name = "probes.enabled", matchIfMissing = true)
public final class ProbesMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DependencyMetrics probesDependencyMetrics(ObjectProvider<CheckScheduler> scheduler) {
		// The scheduler needs its listeners, this one among them: look it up only when
		// binding.
		return new DependencyMetrics(() -> {
			CheckScheduler checks = scheduler.getIfAvailable();
			return (checks != null) ? checks.monitors() : List.of();
		});
	}

}
