/**
 * The check SPI and the built-in checks: one attempt at reaching a dependency, with no
 * Spring Boot types, so that a check can be written, tested and reused on its own.
 */
@NullMarked
package dev.probes.check;

import org.jspecify.annotations.NullMarked;
