/**
 * Shutdown: taking the application out of rotation before it stops serving.
 */
@NullMarked
package dev.probes.shutdown;

import org.jspecify.annotations.NullMarked;
