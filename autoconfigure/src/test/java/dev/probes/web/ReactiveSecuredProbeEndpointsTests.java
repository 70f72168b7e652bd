package dev.probes.web;

import org.springframework.boot.WebApplicationType;

/**
 * Probes behind Spring Security on Spring WebFlux.
 */
class ReactiveSecuredProbeEndpointsTests extends AbstractSecuredProbeEndpointsTests {

	@Override
	protected WebApplicationType webApplicationType() {
		return WebApplicationType.REACTIVE;
	}

}
