package dev.probes.benchmark;

import java.util.Map;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Registers one plain Actuator {@link TcpHealthIndicator} per entry of
 * {@code benchmark.tcp-indicators} ({@code name: host:port}), the way an application
 * without Probes checks its dependencies: the baseline of the benchmark.
 */
@Configuration(proxyBeanMethods = false)
class TcpHealthIndicators {

	@Bean
	static BeanDefinitionRegistryPostProcessor tcpHealthIndicatorRegistrar() {
		return new Registrar();
	}

	private static final class Registrar implements BeanDefinitionRegistryPostProcessor, EnvironmentAware {

		private Map<String, String> targets = Map.of();

		@Override
		public void setEnvironment(Environment environment) {
			this.targets = Binder.get(environment)
				.bind("benchmark.tcp-indicators", Bindable.mapOf(String.class, String.class))
				.orElse(Map.of());
		}

		@Override
		public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
			this.targets.forEach((name, target) -> {
				int colon = target.lastIndexOf(':');
				String host = target.substring(0, colon);
				int port = Integer.parseInt(target.substring(colon + 1));
				registry.registerBeanDefinition(name,
						new RootBeanDefinition(TcpHealthIndicator.class, () -> new TcpHealthIndicator(host, port)));
			});
		}

	}

}
