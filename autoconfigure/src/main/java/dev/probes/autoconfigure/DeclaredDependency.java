package dev.probes.autoconfigure;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

import dev.probes.check.DependencyCheck;
import dev.probes.check.DependencyCheckFactory;
import dev.probes.check.DependencyDeclaration;
import dev.probes.check.Redactor;
import dev.probes.engine.CheckSettings;

/**
 * One dependency, its keys bound and validated: the declaration with its type's settings,
 * the factory of its type, and how it is checked.
 *
 * @param declaration the declaration, with its type's settings
 * @param factory the factory of its type
 * @param settings its schedule, timeout and thresholds
 * @param <S> the type's settings
 */
record DeclaredDependency<S>(DependencyDeclaration<S> declaration, DependencyCheckFactory<S> factory,
		CheckSettings settings) {

	String name() {
		return this.declaration.name();
	}

	String type() {
		return this.factory.type();
	}

	/**
	 * Create the check. The secrets that the factory declares while it does are masked
	 * from then on.
	 * @return the check
	 */
	DependencyCheck createCheck() {
		return this.factory.create(this.declaration);
	}

	Redactor redactor() {
		return Redactor.of(this.declaration.secrets());
	}

	/**
	 * Return where the dependency accepts connections, for the start-up wait to watch.
	 * @return the unresolved addresses, possibly none
	 */
	List<InetSocketAddress> addresses() {
		return this.factory.addresses(this.declaration);
	}

	String permanentFailureAction(Map<String, Object> details) {
		return this.factory.permanentFailureAction(this.declaration, details);
	}

}
