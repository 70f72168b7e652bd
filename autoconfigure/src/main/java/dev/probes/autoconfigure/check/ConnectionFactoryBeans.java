package dev.probes.autoconfigure.check;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanNotOfRequiredTypeException;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.NoUniqueBeanDefinitionException;

import dev.probes.check.DependencyCheck;
import dev.probes.check.DependencyDeclaration;
import dev.probes.startup.UrlAddresses;

/**
 * Chooses what a {@code redis} or {@code amqp} check connects with: a client of its own
 * for a {@code url}, or else the application's connection factory that it reuses, the
 * bean named by {@code connection-factory} or the only or primary one.
 *
 * @param <T> the type of connection factory
 */
final class ConnectionFactoryBeans<T> {

	private final BeanFactory beanFactory;

	private final Class<T> type;

	private final String description;

	private final String configuration;

	/**
	 * Create a lookup.
	 * @param beanFactory where the beans are
	 * @param type the type of connection factory
	 * @param description how reports name the type, such as
	 * {@code RedisConnectionFactory}
	 * @param configuration the properties that configure the application's own, such as
	 * {@code spring.data.redis.*}
	 */
	ConnectionFactoryBeans(BeanFactory beanFactory, Class<T> type, String description, String configuration) {
		this.beanFactory = beanFactory;
		this.type = type;
		this.description = description;
		this.configuration = configuration;
	}

	/**
	 * Create the check that a declaration asks for: on a client of the check's own with
	 * {@code url}, on the application's connection factory otherwise.
	 * @param declaration the declared dependency
	 * @param application creates the check on the application's connection factory
	 * @param ownClient creates the check on a client of its own, from the declaration
	 * @return the check
	 */
	<S extends ConnectionFactorySettings> DependencyCheck create(DependencyDeclaration<S> declaration,
			Function<T, DependencyCheck> application, Function<DependencyDeclaration<S>, DependencyCheck> ownClient) {
		if (declaration.settings().getUrl() == null) {
			return application.apply(find(declaration));
		}
		declaration.secretUserInfo(declaration.settings().getUrl());
		if (declaration.settings().getConnectionFactory() != null) {
			throw declaration.invalid("url", "both 'url' and 'connection-factory' are set", "Keep one of '"
					+ declaration.property("url") + "' and '" + declaration.property("connection-factory") + "'.");
		}
		return ownClient.apply(declaration);
	}

	/**
	 * Return where a declaration's server accepts connections: its {@code url}'s host and
	 * port, or those that the application's connection factory connects to.
	 * @param declaration the declared dependency
	 * @param application the addresses of the application's connection factory
	 * @return the unresolved addresses, possibly none
	 */
	<S extends ConnectionFactorySettings> List<InetSocketAddress> addresses(DependencyDeclaration<S> declaration,
			Function<T, List<InetSocketAddress>> application) {
		if (declaration.settings().getUrl() != null) {
			return Stream.ofNullable(UrlAddresses.of(declaration.settings().getUrl())).toList();
		}
		try {
			return application.apply(find(declaration));
		}
		catch (RuntimeException ex) {
			// A declaration that names no usable bean fails start-up where its check is
			// created.
			return List.of();
		}
	}

	/**
	 * Return what to do when the declaration's server refused its login for good: fix the
	 * {@code url}'s credentials, or those of the application's connection factory.
	 * @param declaration the declared dependency
	 * @param secret what the application's connection factory logs in with, such as
	 * {@code password}
	 * @return the action
	 */
	<S extends ConnectionFactorySettings> String permanentFailureAction(DependencyDeclaration<S> declaration,
			String secret) {
		if (declaration.settings().getUrl() != null) {
			return "Fix the credentials in '" + declaration.property("url") + "'.";
		}
		return "Fix the " + secret + " that the application uses for '" + declaration.name() + "' (for Spring Boot's "
				+ this.description + ": '" + this.configuration + "').";
	}

	private T find(DependencyDeclaration<? extends ConnectionFactorySettings> declaration) {
		String beanName = declaration.settings().getConnectionFactory();
		if (beanName != null) {
			try {
				return this.beanFactory.getBean(beanName, this.type);
			}
			catch (NoSuchBeanDefinitionException | BeanNotOfRequiredTypeException ex) {
				throw declaration.invalid("connection-factory",
						"there is no " + this.description + " bean named '" + beanName + "'",
						"Set '" + declaration.property("connection-factory") + "' to the name of a " + this.description
								+ " bean.");
			}
		}
		try {
			return this.beanFactory.getBean(this.type);
		}
		catch (NoUniqueBeanDefinitionException ex) {
			throw declaration.invalid("connection-factory",
					"the application has several " + this.description + " beans and none is primary",
					"Set '" + declaration.property("connection-factory") + "' to the name of the one to check.");
		}
		catch (NoSuchBeanDefinitionException ex) {
			throw declaration.invalid("url", "the application has no " + this.description + " to check",
					"Configure one with '" + this.configuration + "', or set '" + declaration.property("url")
							+ "' for a connection of the check's own.");
		}
	}

}
