/**
 * Serving the probes: the liveness and readiness {@link dev.probes.web.Verdict verdicts},
 * rebuilt when something changes and never per request, rendered once in the Kubernetes
 * API server's text contract and in Actuator's JSON, and answered ahead of the web
 * framework (servlet filter, WebFlux filter) or on a small probe server of their own.
 */
@NullMarked
package dev.probes.web;

import org.jspecify.annotations.NullMarked;
