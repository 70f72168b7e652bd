package dev.probes.check;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Where a pod finds the Kubernetes API server and its service account's credentials: the
 * API server at {@code https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT}, and
 * the token, the CA certificate and the namespace in the files that the kubelet mounts in
 * every container,
 * {@code /var/run/secrets/kubernetes.io/serviceaccount/{token,ca.crt,namespace}}.
 *
 * <p>
 * Nothing is read when this is created: the files are read by each check attempt, so that
 * a token that the kubelet rotates is used as soon as it is written.
 */
public final class KubernetesAccess {

	/**
	 * Where the kubelet mounts the service account's token, CA certificate and namespace.
	 */
	public static final Path SERVICE_ACCOUNT_DIRECTORY = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

	private final @Nullable URI apiServer;

	private final String outsideReason;

	private final Path serviceAccountDirectory;

	private KubernetesAccess(@Nullable URI apiServer, String outsideReason, Path serviceAccountDirectory) {
		this.apiServer = apiServer;
		this.outsideReason = outsideReason;
		this.serviceAccountDirectory = serviceAccountDirectory;
	}

	/**
	 * Access to an API server at a given address, with the service-account files in a
	 * given directory: a test's, or a pod whose files are mounted elsewhere.
	 * @param apiServer the API server's base URL, such as {@code https://10.96.0.1:443}
	 * @param serviceAccountDirectory the directory that holds {@code token},
	 * {@code ca.crt} and {@code namespace}
	 */
	public KubernetesAccess(URI apiServer, Path serviceAccountDirectory) {
		this(apiServer, "", serviceAccountDirectory);
	}

	/**
	 * Access from inside a pod, as every Kubernetes client finds it: the API server from
	 * the environment variables that the kubelet sets, the files from their standard
	 * location.
	 * @return the access; one that reports why it is not in a pod when the variables are
	 * missing
	 */
	public static KubernetesAccess inCluster() {
		return fromEnvironment(System.getenv(), SERVICE_ACCOUNT_DIRECTORY);
	}

	static KubernetesAccess fromEnvironment(Map<String, String> environment, Path serviceAccountDirectory) {
		String host = environment.get("KUBERNETES_SERVICE_HOST");
		String port = environment.get("KUBERNETES_SERVICE_PORT");
		if (host == null || host.isBlank() || port == null || port.isBlank()) {
			return new KubernetesAccess(null, "KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set",
					serviceAccountDirectory);
		}
		host = host.strip();
		port = port.strip();
		if (!port.matches("[0-9]{1,5}")) {
			return new KubernetesAccess(null, "KUBERNETES_SERVICE_PORT '" + port + "' is not a port",
					serviceAccountDirectory);
		}
		// An IPv6 cluster gives the API server's address without the brackets a URL
		// needs.
		String authority = (host.indexOf(':') >= 0 && !host.startsWith("[")) ? "[" + host + "]" : host;
		try {
			return new KubernetesAccess(URI.create("https://" + authority + ":" + port), "", serviceAccountDirectory);
		}
		catch (IllegalArgumentException ex) {
			return new KubernetesAccess(null, "KUBERNETES_SERVICE_HOST '" + host + "' is not a host",
					serviceAccountDirectory);
		}
	}

	/**
	 * Return the API server's base URL.
	 * @return the URL, or {@code null} outside a pod
	 */
	@Nullable URI apiServer() {
		return this.apiServer;
	}

	/**
	 * Return why there is no API server, outside a pod.
	 * @return the reason
	 */
	String outsideReason() {
		return this.outsideReason;
	}

	Path tokenFile() {
		return this.serviceAccountDirectory.resolve("token");
	}

	Path caFile() {
		return this.serviceAccountDirectory.resolve("ca.crt");
	}

	Path namespaceFile() {
		return this.serviceAccountDirectory.resolve("namespace");
	}

}
