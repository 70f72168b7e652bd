package dev.probes.autoconfigure;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.probes.check.DependencyCheck;

/**
 * Creates the check of one type ({@code jdbc}, {@code http}, ...) from a declaration. Define
 * a bean of this type to add a check type of your own.
 */
public interface DependencyCheckFactory {

	/**
	 * Return the value of {@code type} this factory handles.
	 * @return the type, such as {@code tcp}
	 */
	String type();

	/**
	 * Create a check, rejecting bad or missing type-specific properties with an
	 * {@link InvalidDependencyException}.
	 * @param declaration the declared dependency
	 * @return the check
	 */
	DependencyCheck create(DependencyDeclaration declaration);

	/**
	 * Return the type-specific keys of {@code probes.dependencies.<name>} that this type
	 * reads, such as {@code host} and {@code port}; start-up fails when another
	 * type-specific key is set, rather than ignore it. The keys every type shares
	 * ({@code interval}, {@code timeout}, ...) are always allowed.
	 * @return the keys, or {@code null} (the default) to accept any
	 */
	default @Nullable Set<String> keys() {
		return null;
	}

}
