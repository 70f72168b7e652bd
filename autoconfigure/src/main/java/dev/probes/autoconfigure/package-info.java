/**
 * Auto-configuration of Probes: binds and validates {@code probes.*}, builds a check per
 * declared dependency, starts the engine and wires it into Spring Boot health.
 */
@NullMarked
package dev.probes.autoconfigure;

import org.jspecify.annotations.NullMarked;
