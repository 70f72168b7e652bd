/**
 * The engine: runs every declared check in the background on its own schedule, enforces
 * timeouts and thresholds, and publishes the latest
 * {@link dev.probes.engine.DependencyState} of each dependency for probes to read.
 */
@NullMarked
package dev.probes.engine;

import org.jspecify.annotations.NullMarked;
