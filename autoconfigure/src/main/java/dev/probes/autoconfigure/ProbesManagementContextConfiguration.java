package dev.probes.autoconfigure;

import jakarta.servlet.Filter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.WebFilter;

import dev.probes.web.ProbeResponder;
import dev.probes.web.ProbeServletFilter;
import dev.probes.web.ProbeVerdicts;
import dev.probes.web.ProbeWebFilter;

/**
 * Serves the probes on a separate management port ahead of the web framework, for groups
 * whose additional path is in the {@code management} namespace
 * ({@code management.endpoint.health.group.liveness.additional-path=management:/livez}).
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ConditionalOnBean(ProbeVerdicts.class)
public final class ProbesManagementContextConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(Filter.class)
	static class ServletProbesConfiguration {

		@Bean
		FilterRegistrationBean<ProbeServletFilter> probesManagementServletFilter(ProbeVerdicts verdicts,
				ObjectProvider<HealthEndpointGroups> groups) {
			return ProbesWebAutoConfiguration.ProbeFilters.servlet(verdicts,
					ProbeWebPaths.of(groups.getIfAvailable(), WebServerNamespace.MANAGEMENT, false));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnClass(WebFilter.class)
	static class ReactiveProbesConfiguration {

		@Bean
		ProbeWebFilter probesManagementWebFilter(ProbeVerdicts verdicts, ObjectProvider<HealthEndpointGroups> groups) {
			return new ProbeWebFilter(new ProbeResponder(verdicts,
					ProbeWebPaths.of(groups.getIfAvailable(), WebServerNamespace.MANAGEMENT, false)));
		}

	}

}
