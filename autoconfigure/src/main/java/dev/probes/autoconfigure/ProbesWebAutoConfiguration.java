package dev.probes.autoconfigure;

import jakarta.servlet.Filter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.server.WebFilter;

import dev.probes.web.ProbePaths;
import dev.probes.web.ProbeResponder;
import dev.probes.web.ProbeServletFilter;
import dev.probes.web.ProbeVerdicts;
import dev.probes.web.ProbeWebFilter;
import dev.probes.web.VerdictRefresher;

/**
 * {@link EnableAutoConfiguration Auto-configuration} that serves the probes' verdicts on
 * the application port, ahead of the web framework: a servlet filter of the highest
 * precedence, or its WebFlux twin.
 */
@AutoConfiguration(after = DependencyChecksAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "probes.enabled", matchIfMissing = true)
public final class ProbesWebAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ProbeVerdicts probesVerdicts() {
		return new ProbeVerdicts();
	}

	@Bean
	VerdictRefresher probesVerdictRefresher(ProbeVerdicts verdicts) {
		return new VerdictRefresher(verdicts);
	}

	static ProbePaths serverPaths(ObjectProvider<HealthEndpointGroups> groups, Environment environment) {
		return ProbeWebPaths.of(groups.getIfAvailable(), WebServerNamespace.SERVER,
				ManagementPortType.get(environment) == ManagementPortType.SAME);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(Filter.class)
	static class ServletProbesConfiguration {

		@Bean
		FilterRegistrationBean<ProbeServletFilter> probesServletFilter(ProbeVerdicts verdicts,
				ObjectProvider<HealthEndpointGroups> groups, Environment environment) {
			return ProbeFilters.servlet(verdicts, serverPaths(groups, environment));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnClass(WebFilter.class)
	static class ReactiveProbesConfiguration {

		@Bean
		ProbeWebFilter probesWebFilter(ProbeVerdicts verdicts, ObjectProvider<HealthEndpointGroups> groups,
				Environment environment) {
			return new ProbeWebFilter(new ProbeResponder(verdicts, serverPaths(groups, environment)));
		}

	}

	/**
	 * Registers the servlet filter on the probe paths only, so that no other request pays
	 * for it, ahead of every other filter.
	 */
	static final class ProbeFilters {

		private ProbeFilters() {
		}

		static FilterRegistrationBean<ProbeServletFilter> servlet(ProbeVerdicts verdicts, ProbePaths paths) {
			FilterRegistrationBean<ProbeServletFilter> registration = new FilterRegistrationBean<>(
					new ProbeServletFilter(new ProbeResponder(verdicts, paths)));
			registration.setName("probesFilter");
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			registration.addUrlPatterns(paths.urlPatterns());
			// Without a pattern a filter would see every request: there is nothing to
			// serve.
			registration.setEnabled(!paths.isEmpty());
			return registration;
		}

	}

}
