package dev.probes.web;

import org.springframework.boot.WebApplicationType;

/**
 * Probes behind Spring Security on Spring MVC.
 */
class ServletSecuredProbeEndpointsTests extends AbstractSecuredProbeEndpointsTests {

	@Override
	protected WebApplicationType webApplicationType() {
		return WebApplicationType.SERVLET;
	}

}
