/**
 * Micrometer metrics of the background checks: a dependency's state, its check durations,
 * outcomes and transitions, tagged only with the dependency's name, type and criticality.
 */
@NullMarked
package dev.probes.metrics;

import org.jspecify.annotations.NullMarked;
