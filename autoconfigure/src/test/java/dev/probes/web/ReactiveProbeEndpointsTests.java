package dev.probes.web;

import org.springframework.boot.WebApplicationType;

/**
 * Probe endpoints on Spring WebFlux and Reactor Netty.
 */
class ReactiveProbeEndpointsTests extends AbstractProbeEndpointsTests {

	@Override
	protected WebApplicationType webApplicationType() {
		return WebApplicationType.REACTIVE;
	}

}
