/**
 * The start-up wait: holds the application until its critical dependencies are up, and
 * serves {@code /livez} and {@code /readyz} while it waits, so that no init container is
 * needed.
 */
@NullMarked
package dev.probes.startup;

import org.jspecify.annotations.NullMarked;
