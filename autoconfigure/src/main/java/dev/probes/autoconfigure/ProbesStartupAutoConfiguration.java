package dev.probes.autoconfigure;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;

import dev.probes.engine.CheckScheduler;
import dev.probes.health.ContributorCheck;
import dev.probes.startup.EarlySingletons;
import dev.probes.startup.LaunchTime;
import dev.probes.startup.OpenGate;
import dev.probes.startup.StartupGate;
import dev.probes.startup.StartupGateInterceptor;
import dev.probes.startup.StartupGateOrdering;
import dev.probes.startup.StartupProbeServerHandover;
import dev.probes.startup.StartupProbeServers;
import dev.probes.web.ProbeVerdicts;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the start-up wait: with
 * {@code probes.startup.wait=true}, the application waits for its critical dependencies
 * before anything that needs them runs.
 */
@AutoConfiguration(after = { DependencyChecksAutoConfiguration.class, ProbesWebAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "probes.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty("probes.startup.wait")
@ConditionalOnBean(CheckScheduler.class)
public final class ProbesStartupAutoConfiguration {

	static final String GATE_BEAN_NAME = "probesStartupGate";

	static final String OPEN_GATE_BEAN_NAME = "probesOpenGate";

	@Bean(name = GATE_BEAN_NAME)
	StartupGate probesStartupGate(CheckScheduler scheduler, ProbesProperties properties,
			ObjectProvider<DeclaredDependencies> dependencies, ObjectProvider<ProbeVerdicts> verdicts,
			ObjectProvider<LaunchTime> launch) {
		// A health contributor is only known once the context is complete, after the
		// wait.
		StartupGate gate = new StartupGate(
				StartupSettings.awaited(scheduler.monitors()
					.stream()
					.filter((monitor) -> monitor.settings().critical()
							&& !(monitor.check() instanceof ContributorCheck))
					.toList()),
				StartupSettings.timeout(properties.getStartup()), launch.getIfAvailable(), addresses(dependencies));
		verdicts.ifAvailable((available) -> gate.onAwaitedChange(available::waitingFor));
		dependencies.ifAvailable((declared) -> gate.describeActionsWith(declared::permanentFailureAction));
		return gate;
	}

	/**
	 * Waits: whatever needs the dependencies depends on this bean.
	 */
	@Bean(name = OPEN_GATE_BEAN_NAME)
	OpenGate probesOpenGate(StartupGate gate, ObjectProvider<EarlySingletons> early) {
		return new OpenGate(gate, early.getIfAvailable());
	}

	/**
	 * With a scheduler of the user's own, nothing is known of where the dependencies are.
	 */
	private static Map<String, List<InetSocketAddress>> addresses(ObjectProvider<DeclaredDependencies> dependencies) {
		DeclaredDependencies declared = dependencies.getIfAvailable();
		return (declared != null) ? declared.addresses() : Map.of();
	}

	@Bean
	StartupProbeServerHandover probesStartupProbeServerHandover(ObjectProvider<StartupProbeServers> servers) {
		return new StartupProbeServerHandover(servers.getIfAvailable());
	}

	/**
	 * Requests that a bean makes to a critical HTTP dependency through Spring Boot's
	 * {@code RestClient.Builder} or {@code RestTemplateBuilder} wait for the dependency.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RestClientCustomizer.class)
	static class HttpClientConfiguration {

		@Bean
		StartupGateInterceptor probesStartupGateInterceptor(ObjectProvider<DeclaredDependencies> dependencies,
				ObjectProvider<OpenGate> gate) {
			DeclaredDependencies declared = dependencies.getIfAvailable();
			return new StartupGateInterceptor((declared != null) ? declared.criticalAddresses("http") : Set.of(),
					gate::getObject);
		}

		@Bean
		RestClientCustomizer probesStartupRestClientCustomizer(StartupGateInterceptor interceptor) {
			return (builder) -> builder.requestInterceptor(interceptor);
		}

		@Bean
		RestTemplateCustomizer probesStartupRestTemplateCustomizer(StartupGateInterceptor interceptor) {
			return (restTemplate) -> restTemplate.getInterceptors().add(interceptor);
		}

	}

	/**
	 * While the gate waits, creates what does not need the dependencies.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "probes.startup.create-early", matchIfMissing = true)
	static class EarlyCreationConfiguration {

		@Bean
		EarlySingletons probesEarlySingletons(BeanFactory beanFactory) {
			return new EarlySingletons(OPEN_GATE_BEAN_NAME, AutoConfigurationPackages.has(beanFactory)
					? AutoConfigurationPackages.get(beanFactory) : List.of());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.sql.init.dependency.DatabaseInitializerDetector")
	static class DatabaseInitializationConfiguration {

		@Bean
		static StartupGateOrdering probesStartupGateOrdering(Environment environment) {
			return new StartupGateOrdering(OPEN_GATE_BEAN_NAME, ArgumentResolver.of(Environment.class, environment));
		}

	}

}
