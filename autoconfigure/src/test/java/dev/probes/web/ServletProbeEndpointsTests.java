package dev.probes.web;

import org.springframework.boot.WebApplicationType;

/**
 * Probe endpoints on Spring MVC and Tomcat.
 */
class ServletProbeEndpointsTests extends AbstractProbeEndpointsTests {

	@Override
	protected WebApplicationType webApplicationType() {
		return WebApplicationType.SERVLET;
	}

}
