package dev.probes.autoconfigure.check;

import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.probes.check.DependencyCheck;
import dev.probes.check.DependencyCheckFactory;
import dev.probes.check.DependencyDeclaration;
import dev.probes.check.KubernetesAccess;
import dev.probes.check.KubernetesEndpointsCheck;
import dev.probes.check.PropertyRules;

/**
 * Creates {@code kubernetes-endpoints} checks from {@code service}, {@code namespace} and
 * {@code min-ready}, which ask the Kubernetes API server with the pod's service account.
 */
public final class KubernetesEndpointsCheckFactory
		implements DependencyCheckFactory<KubernetesEndpointsCheckProperties> {

	/** A Service's name: an RFC 1035 label, which starts with a letter. */
	private static final Pattern SERVICE_NAME = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");

	/** A namespace's name: an RFC 1123 label. */
	private static final Pattern NAMESPACE_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

	private static final int MAX_NAME_LENGTH = 63;

	private final KubernetesAccess access;

	/**
	 * Create a factory whose checks find the API server and the service account where a
	 * pod does.
	 */
	public KubernetesEndpointsCheckFactory() {
		this(KubernetesAccess.inCluster());
	}

	/**
	 * Create a factory whose checks find the API server and the service account
	 * elsewhere.
	 * @param access where the API server and the service-account files are
	 */
	public KubernetesEndpointsCheckFactory(KubernetesAccess access) {
		this.access = access;
	}

	@Override
	public String type() {
		return "kubernetes-endpoints";
	}

	@Override
	public Class<KubernetesEndpointsCheckProperties> settingsType() {
		return KubernetesEndpointsCheckProperties.class;
	}

	@Override
	public DependencyCheck create(DependencyDeclaration<KubernetesEndpointsCheckProperties> declaration) {
		String service = service(declaration);
		String namespace = namespace(declaration);
		int minReady = PropertyRules.atLeastOne(declaration.property("min-ready"), declaration.settings().getMinReady(),
				"ready endpoints");
		return new KubernetesEndpointsCheck(this.access, namespace, service, minReady, declaration.timeout());
	}

	private static String service(DependencyDeclaration<KubernetesEndpointsCheckProperties> declaration) {
		String service = declaration.require("service", declaration.settings().getService()).strip();
		if (isName(service, SERVICE_NAME)) {
			return service;
		}
		String[] labels = service.split("\\.");
		if (labels.length >= 2 && isName(labels[0], SERVICE_NAME) && isName(labels[1], NAMESPACE_NAME)) {
			// payments.shop or payments.shop.svc.cluster.local: the DNS name of a
			// Service.
			throw declaration.invalid("service", "'" + service + "' is a DNS name, not a Service name",
					"Set '" + declaration.property("service") + "' to " + labels[0] + " and '"
							+ declaration.property("namespace") + "' to " + labels[1] + ".");
		}
		throw declaration.invalid("service",
				"'" + service + "' is not a Service name: lower-case letters, digits and '-', starting with a"
						+ " letter, at most 63",
				"Set '" + declaration.property("service")
						+ "' to the Service's name as 'kubectl get services' lists it, such as payments.");
	}

	private static @Nullable String namespace(DependencyDeclaration<KubernetesEndpointsCheckProperties> declaration) {
		String namespace = declaration.settings().getNamespace();
		if (namespace == null) {
			return null;
		}
		namespace = namespace.strip();
		if (!isName(namespace, NAMESPACE_NAME)) {
			throw declaration.invalid("namespace",
					"'" + namespace + "' is not a namespace name: lower-case letters, digits and '-', at most 63",
					"Set '" + declaration.property("namespace")
							+ "' to a namespace as 'kubectl get namespaces' lists it, such as shop, or remove it for"
							+ " the pod's own namespace.");
		}
		return namespace;
	}

	private static boolean isName(String name, Pattern pattern) {
		return name.length() <= MAX_NAME_LENGTH && pattern.matcher(name).matches();
	}

	@Override
	public String permanentFailureAction(DependencyDeclaration<KubernetesEndpointsCheckProperties> declaration,
			Map<String, Object> details) {
		return KubernetesRbacAdvice.action(declaration.name(), details);
	}

}
