package dev.probes.startup;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.sql.init.dependency.DatabaseInitializerDetector;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitializationDetector;
import org.springframework.core.Ordered;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;

/**
 * Makes every bean that initializes a database (Flyway, Liquibase,
 * {@code spring.sql.init} scripts, Hibernate's schema tool) or needs one initialized
 * (JPA, {@code JdbcTemplate}, jOOQ, ...) depend on the {@link OpenGate}, so that none of
 * them touches a database before it is up. The beans are found with Spring Boot's own
 * detectors, the same that order database initialization.
 */
public final class StartupGateOrdering implements BeanFactoryPostProcessor, Ordered {

	private final String gateBeanName;

	private final ArgumentResolver detectorArguments;

	/**
	 * Create the ordering.
	 * @param gateBeanName the name of the {@link OpenGate}'s bean
	 * @param detectorArguments what Spring Boot's detectors take in their constructors
	 * (the {@code Environment}), as its own ordering of database initialization passes it
	 */
	public StartupGateOrdering(String gateBeanName, ArgumentResolver detectorArguments) {
		this.gateBeanName = gateBeanName;
		this.detectorArguments = detectorArguments;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		Set<String> beanNames = new LinkedHashSet<>();
		for (DatabaseInitializerDetector detector : detectors(beanFactory, DatabaseInitializerDetector.class)) {
			beanNames.addAll(detector.detect(beanFactory));
		}
		for (DependsOnDatabaseInitializationDetector detector : detectors(beanFactory,
				DependsOnDatabaseInitializationDetector.class)) {
			beanNames.addAll(detector.detect(beanFactory));
		}
		beanNames.remove(this.gateBeanName);
		for (String beanName : beanNames) {
			if (beanFactory.containsBeanDefinition(beanName)) {
				BeanDefinition definition = beanFactory.getBeanDefinition(beanName);
				Set<String> dependsOn = new LinkedHashSet<>();
				if (definition.getDependsOn() != null) {
					dependsOn.addAll(Arrays.asList(definition.getDependsOn()));
				}
				dependsOn.add(this.gateBeanName);
				definition.setDependsOn(dependsOn.toArray(String[]::new));
			}
		}
	}

	private <T> List<T> detectors(ConfigurableListableBeanFactory beanFactory, Class<T> type) {
		return SpringFactoriesLoader.forDefaultResourceLocation(beanFactory.getBeanClassLoader())
			.load(type, this.detectorArguments);
	}

}
