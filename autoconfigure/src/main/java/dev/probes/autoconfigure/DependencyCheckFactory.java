package dev.probes.autoconfigure;

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

}
