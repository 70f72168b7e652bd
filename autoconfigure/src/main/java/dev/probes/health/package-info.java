/**
 * Adapters from the engine's dependency states to Spring Boot health: one contributor per
 * dependency, and the liveness and readiness groups served as {@code /livez} and
 * {@code /readyz}.
 */
@NullMarked
package dev.probes.health;

import org.jspecify.annotations.NullMarked;
