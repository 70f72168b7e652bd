package dev.probes.autoconfigure;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.IgnoreTopLevelConverterNotFoundBindHandler;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.context.properties.source.UnboundElementsSourceFilter;
import org.springframework.core.env.Environment;

/**
 * Binds the {@code probes.*} keys and finds those that nothing bound: the strictness of
 * {@link NoUnboundElementsBindHandler} across several targets. A dependency's keys are
 * bound twice over, the keys every type shares into {@link ProbesProperties.Dependency}
 * and its type's own into the type's settings class, so no single bind can tell a
 * misspelt key from a key of the other target.
 */
final class BoundKeys {

	private final Binder binder;

	private final Iterable<ConfigurationPropertySource> sources;

	private final Set<ConfigurationPropertyName> bound = new HashSet<>();

	private final BindHandler recorder = new Recorder();

	BoundKeys(Environment environment) {
		this.binder = Binder.get(environment);
		this.sources = ConfigurationPropertySources.get(environment);
	}

	/**
	 * Bind a subtree into a new instance of a JavaBean, recording the keys it binds.
	 * @param name the subtree, such as {@code probes.dependencies.cache}
	 * @param type the JavaBean
	 * @param <T> its type
	 * @return the bound instance
	 */
	<T> T bind(String name, Class<T> type) {
		return this.binder.bindOrCreate(name, Bindable.of(type), this.recorder);
	}

	/**
	 * Return the keys under a name that were set but not bound. Like Spring Boot's strict
	 * binding, keys from the system environment and system properties are left out: they
	 * are not all meant for the application.
	 * @param root the name, such as {@code probes}
	 * @return the keys, sorted
	 */
	Set<ConfigurationProperty> unbound(String root) {
		ConfigurationPropertyName rootName = ConfigurationPropertyName.of(root);
		UnboundElementsSourceFilter filter = new UnboundElementsSourceFilter();
		Set<ConfigurationProperty> unbound = new TreeSet<>();
		for (ConfigurationPropertySource source : this.sources) {
			if (source instanceof IterableConfigurationPropertySource iterable && filter.apply(source)) {
				iterable.stream()
					.filter((name) -> rootName.isAncestorOf(name) && !isBound(name))
					.map(source::getConfigurationProperty)
					.filter((property) -> property != null)
					.forEach(unbound::add);
			}
		}
		return unbound;
	}

	/**
	 * Return the names of the elements right under a name that any key sets, such as each
	 * dependency under {@code probes.dependencies}, as written.
	 * @param parent the name
	 * @return the names
	 */
	Set<String> children(String parent) {
		ConfigurationPropertyName parentName = ConfigurationPropertyName.of(parent);
		int index = parentName.getNumberOfElements();
		UnboundElementsSourceFilter filter = new UnboundElementsSourceFilter();
		Set<String> children = new LinkedHashSet<>();
		for (ConfigurationPropertySource source : this.sources) {
			if (source instanceof IterableConfigurationPropertySource iterable && filter.apply(source)) {
				iterable.stream()
					.filter(parentName::isAncestorOf)
					.forEach((name) -> children.add(name.getElement(index, Form.ORIGINAL)));
			}
		}
		return children;
	}

	/**
	 * Fail with Spring Boot's own exception for unbound keys, as strict binding would.
	 * @param unbound the keys
	 */
	static void reject(Set<ConfigurationProperty> unbound) {
		if (!unbound.isEmpty()) {
			throw new UnboundConfigurationPropertiesException(unbound);
		}
	}

	/**
	 * An element of a list that a later source overrides with a shorter list is not
	 * unbound.
	 */
	private boolean isBound(ConfigurationPropertyName name) {
		return this.bound.contains(name)
				|| (name.isLastElementIndexed() && this.bound.contains(name.chop(name.getNumberOfElements() - 1)));
	}

	private final class Recorder extends AbstractBindHandler {

		Recorder() {
			super(new IgnoreTopLevelConverterNotFoundBindHandler());
		}

		@Override
		public @Nullable Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
				Object result) {
			ConfigurationProperty property = context.getConfigurationProperty();
			if (property != null) {
				BoundKeys.this.bound.add(property.getName());
			}
			return super.onSuccess(name, target, context, result);
		}

	}

}
