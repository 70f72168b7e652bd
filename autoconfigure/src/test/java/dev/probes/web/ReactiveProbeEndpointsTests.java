package dev.probes.web;

import java.util.List;

import org.springframework.boot.WebApplicationType;

/**
 * Probe endpoints on Spring WebFlux and Reactor Netty.
 */
class ReactiveProbeEndpointsTests extends AbstractProbeEndpointsTests {

	@Override
	protected WebApplicationType webApplicationType() {
		return WebApplicationType.REACTIVE;
	}

	/**
	 * Tomcat is on the test class path for the MVC tests; the management server runs on
	 * Netty here.
	 */
	@Override
	protected List<String> excludedAutoConfigurations() {
		return List
			.of("org.springframework.boot.tomcat.autoconfigure.actuate.web.server.TomcatReactiveManagementContextAutoConfiguration");
	}

}
