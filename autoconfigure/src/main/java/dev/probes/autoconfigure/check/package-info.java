/**
 * Factories that build the built-in checks from their declarations.
 */
@NullMarked
package dev.probes.autoconfigure.check;

import org.jspecify.annotations.NullMarked;
