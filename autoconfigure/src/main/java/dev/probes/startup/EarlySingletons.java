package dev.probes.startup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactoryInitializer;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Opens the start-up gate where the context starts to create its singletons, and, while
 * the gate waits, creates those of Spring Boot and other libraries that do not need the
 * dependencies, one per step of the wait, so that less is left to do once they answer.
 *
 * <p>
 * Never created early: a bean of the application's own packages, a bean that depends on
 * the {@link OpenGate} (a database initializer or user), a lazy, prototype or
 * background-initialized bean, a {@code FactoryBean}, and anything at all in a context
 * with load-time weaving. A bean that needs one of the held ones cannot be created while
 * the gate waits (the {@link OpenGate} is being created): it is left for later, as is any
 * bean whose creation fails, and Spring creates them after the gate opens as it would
 * have.
 */
public final class EarlySingletons implements BeanFactoryInitializer<ConfigurableListableBeanFactory> {

	private static final Log logger = LogFactory.getLog(EarlySingletons.class);

	private final String openGateBeanName;

	private final List<String> applicationPackages;

	private @Nullable ConfigurableListableBeanFactory beanFactory;

	private @Nullable Iterator<String> names;

	private int created;

	private boolean warmingUp;

	private final List<String> leftForLater = new ArrayList<>();

	/**
	 * Create the early singletons.
	 * @param openGateBeanName the name of the {@link OpenGate}'s bean
	 * @param applicationPackages the application's own packages, whose beans are never
	 * created early; none (or the default package) to create nothing early
	 */
	public EarlySingletons(String openGateBeanName, List<String> applicationPackages) {
		this.openGateBeanName = openGateBeanName;
		this.applicationPackages = List.copyOf(applicationPackages);
	}

	@Override
	public void initialize(ConfigurableListableBeanFactory beanFactory) {
		if (knowsApplicationBeans()
				&& !beanFactory.containsBean(ConfigurableApplicationContext.LOAD_TIME_WEAVER_BEAN_NAME)) {
			this.beanFactory = beanFactory;
			this.names = Arrays.asList(beanFactory.getBeanDefinitionNames()).iterator();
		}
		try {
			beanFactory.getBean(this.openGateBeanName);
		}
		finally {
			this.names = null;
			if (this.created > 0) {
				logger.info("created %d singletons while waiting, left %d for after the wait".formatted(this.created,
						this.leftForLater.size()));
			}
			if (logger.isDebugEnabled() && !this.leftForLater.isEmpty()) {
				logger.debug("left for after the wait: " + this.leftForLater);
			}
		}
	}

	/**
	 * Whether the application's beans can be told from the others: not without its
	 * packages, nor when one is the default package, where every class would be the
	 * application's.
	 */
	private boolean knowsApplicationBeans() {
		return !this.applicationPackages.isEmpty() && !this.applicationPackages.contains("");
	}

	/**
	 * Create the next singleton that can be created early, if any.
	 * @return whether it tried one (there may be more)
	 */
	public boolean createNext() {
		ConfigurableListableBeanFactory beanFactory = this.beanFactory;
		Iterator<String> names = this.names;
		if (beanFactory == null || names == null) {
			return false;
		}
		if (!this.warmingUp) {
			// At the first step, so only when the wait has time before its deadline.
			this.warmingUp = true;
			StartupWarmup.start(beanFactory.getBeanClassLoader());
		}
		while (names.hasNext()) {
			String name = names.next();
			if (isCandidate(beanFactory, name)) {
				try {
					beanFactory.getBean(name);
					this.created++;
				}
				catch (BeansException ex) {
					this.leftForLater.add(name);
					if (logger.isTraceEnabled()) {
						logger.trace("left " + name + " for after the wait", ex);
					}
				}
				return true;
			}
		}
		return false;
	}

	private boolean isCandidate(ConfigurableListableBeanFactory beanFactory, String name) {
		if (name.equals(this.openGateBeanName) || !beanFactory.containsBeanDefinition(name)
				|| beanFactory.containsSingleton(name)) {
			return false;
		}
		BeanDefinition definition = beanFactory.getMergedBeanDefinition(name);
		if (definition.isAbstract() || !definition.isSingleton() || definition.isLazyInit()
				|| (definition instanceof AbstractBeanDefinition bean && bean.isBackgroundInit())
				|| dependsOnOpenGate(definition) || beanFactory.isFactoryBean(name)) {
			return false;
		}
		String declaringClass = declaringClass(beanFactory, definition);
		return declaringClass != null && !isApplicationClass(declaringClass);
	}

	private boolean dependsOnOpenGate(BeanDefinition definition) {
		String[] dependsOn = definition.getDependsOn();
		return dependsOn != null && Arrays.asList(dependsOn).contains(this.openGateBeanName);
	}

	/**
	 * Return the class whose code creates the bean: the configuration class of a
	 * {@code @Bean} method, the bean's own class otherwise.
	 */
	private static @Nullable String declaringClass(ConfigurableListableBeanFactory beanFactory,
			BeanDefinition definition) {
		String factoryBean = definition.getFactoryBeanName();
		if (factoryBean != null) {
			return beanFactory.containsBeanDefinition(factoryBean)
					? beanFactory.getMergedBeanDefinition(factoryBean).getBeanClassName() : null;
		}
		return definition.getBeanClassName();
	}

	private boolean isApplicationClass(String className) {
		return this.applicationPackages.stream()
			.anyMatch((applicationPackage) -> className.startsWith(applicationPackage + "."));
	}

}
