package dev.probes.check;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * A type of check ({@code jdbc}, {@code http}, ...): the settings it reads from
 * {@code probes.dependencies.<name>} and how it creates a check from them. Define a bean
 * of this type to add a check type of your own; the built-in types are beans of it too.
 *
 * <p>
 * The settings class is a JavaBean whose properties are the type's own keys, bound from
 * the same {@code probes.dependencies.<name>} subtree as the keys every type shares
 * ({@code type}, {@code critical}, {@code interval}, {@code timeout}, ...). Keys are
 * strict: a key that is neither shared nor a property of the settings class fails
 * start-up naming the property
 * ({@code probes.dependencies.cache.url is not a key of type tcp}).
 *
 * @param <S> the type's settings
 */
public interface DependencyCheckFactory<S> {

	/**
	 * Return the value of {@code type} this factory handles.
	 * @return the type, such as {@code tcp}
	 */
	String type();

	/**
	 * Return the class of the type's settings: a JavaBean with a public no-argument
	 * constructor, bound from {@code probes.dependencies.<name>}.
	 * @return the settings class
	 */
	Class<S> settingsType();

	/**
	 * Create a check, rejecting bad or missing settings with an
	 * {@link InvalidPropertyException} (see {@link DependencyDeclaration#invalid}).
	 * @param declaration the declared dependency, with its bound settings
	 * @return the check
	 */
	DependencyCheck create(DependencyDeclaration<S> declaration);

	/**
	 * Return the hosts and ports that the dependency accepts connections on, where there
	 * are such: while the application waits for its dependencies at start-up, a
	 * connection that any of them accepts runs the check at once instead of at the next
	 * attempt.
	 * @param declaration the declared dependency, with its bound settings
	 * @return the unresolved addresses, empty (the default) when there is none to watch
	 */
	default List<InetSocketAddress> addresses(DependencyDeclaration<S> declaration) {
		return List.of();
	}

	/**
	 * Return what to do when the dependency failed at start-up with an error that
	 * retrying will not mend ({@link CheckResult#permanentFailure}), such as a rejected
	 * password: where its credentials or permissions are set. The start-up failure report
	 * prints it below the error.
	 * @param declaration the declared dependency, with its bound settings
	 * @param details the details of the check's latest result
	 * @return the action, naming properties rather than showing their values
	 */
	default String permanentFailureAction(DependencyDeclaration<S> declaration, Map<String, Object> details) {
		return "Fix what the error names, in the settings of 'probes.dependencies." + declaration.name()
				+ "' or in the service it checks.";
	}

}
