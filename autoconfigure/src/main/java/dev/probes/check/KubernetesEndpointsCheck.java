package dev.probes.check;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;

import org.jspecify.annotations.Nullable;

import dev.probes.check.KubernetesApiClient.Answer;
import dev.probes.check.ReadyEndpoints.Count;

/**
 * Checks that a Kubernetes Service has at least a number of ready endpoints, by asking
 * the Kubernetes API server with the pod's service account.
 *
 * <p>
 * Each attempt lists the Service's EndpointSlices
 * ({@code GET /apis/discovery.k8s.io/v1/namespaces/<namespace>/endpointslices?labelSelector=kubernetes.io/service-name=<service>})
 * and counts their ready endpoints (see {@link ReadyEndpoints}). When the API server
 * answers that list with 404, it does not serve {@code discovery.k8s.io/v1} (a list in a
 * namespace answers 404 for nothing else: in a namespace that does not exist, it is
 * empty), and this attempt and every later one get the core v1 Endpoints object instead
 * ({@code GET /api/v1/namespaces/<namespace>/endpoints/<service>}). No other answer leads
 * to Endpoints: a 403 on EndpointSlices is a permission to grant, not a reason to read
 * another resource with another permission.
 *
 * <p>
 * The token and the CA certificate are read from their files by every attempt (the
 * kubelet rotates the token); the token is sent to the API server and nowhere else: no
 * result, detail or message holds it. A 401 or 403 is a permanent failure that names the
 * permission the service account lacks. Outside a pod (no
 * {@code KUBERNETES_SERVICE_HOST}, or no service-account files) every attempt fails
 * permanently, saying so.
 */
public final class KubernetesEndpointsCheck implements DependencyCheck {

	static final ApiResource ENDPOINT_SLICES = new ApiResource("discovery.k8s.io", "endpointslices", "list");

	static final ApiResource ENDPOINTS = new ApiResource("", "endpoints", "get");

	private static final String NOT_IN_POD = "not running in a Kubernetes pod: ";

	/**
	 * The user a 403 names, for a service account:
	 * {@code system:serviceaccount:<namespace>:<name>}.
	 */
	private static final Pattern SERVICE_ACCOUNT_USER = Pattern
		.compile("system:serviceaccount:([a-z0-9]([-a-z0-9]*[a-z0-9])?):([a-z0-9]([-a-z0-9.]*[a-z0-9])?)");

	private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

	private final KubernetesAccess access;

	private final @Nullable String namespace;

	private final String service;

	private final int minReady;

	private final @Nullable KubernetesApiClient api;

	private volatile @Nullable String podNamespace;

	private volatile boolean endpointSlicesServed = true;

	/**
	 * Create a check.
	 * @param access where the API server and the service-account files are
	 * @param namespace the Service's namespace, or {@code null} for the pod's own
	 * @param service the Service's name
	 * @param minReady how many ready endpoints count as up, at least 1
	 * @param connectTimeout limit for opening a connection to the API server
	 */
	public KubernetesEndpointsCheck(KubernetesAccess access, @Nullable String namespace, String service, int minReady,
			Duration connectTimeout) {
		if (minReady < 1) {
			throw new IllegalArgumentException("minReady must be at least 1");
		}
		if (!isName(service) || (namespace != null && !isName(namespace))) {
			throw new IllegalArgumentException("service and namespace must be DNS labels");
		}
		this.access = access;
		this.namespace = namespace;
		this.service = service;
		this.minReady = minReady;
		URI apiServer = access.apiServer();
		this.api = (apiServer != null)
				? new KubernetesApiClient(apiServer, connectTimeout, "probes-kubernetes-" + service) : null;
	}

	@Override
	public CheckResult check(Duration timeout) throws InterruptedException {
		KubernetesApiClient api = this.api;
		if (api == null) {
			return CheckResult.permanentFailure(NOT_IN_POD + this.access.outsideReason(), Map.of());
		}
		ServiceAccountCredentials credentials;
		String namespace;
		try {
			credentials = ServiceAccountCredentials.read(this.access);
			namespace = namespace();
		}
		catch (NoSuchFileException ex) {
			return CheckResult.permanentFailure(NOT_IN_POD + "no service-account file " + ex.getFile()
					+ " (is automountServiceAccountToken false?)", Map.of());
		}
		catch (IOException ex) {
			return CheckResult.failure(FailureDescriptions.describe(ex));
		}
		return withoutToken(ask(api, credentials, namespace, timeout), credentials);
	}

	private CheckResult ask(KubernetesApiClient api, ServiceAccountCredentials credentials, String namespace,
			Duration timeout) throws InterruptedException {
		ApiResource resource = this.endpointSlicesServed ? ENDPOINT_SLICES : ENDPOINTS;
		try {
			if (resource == ENDPOINT_SLICES) {
				Answer answer = api.get(endpointSlicesPath(namespace), credentials, timeout);
				if (answer.status() != 404) {
					return evaluate(answer, resource, namespace, ReadyEndpoints::inEndpointSlices);
				}
				this.endpointSlicesServed = false;
				resource = ENDPOINTS;
			}
			Answer answer = api.get(endpointsPath(namespace), credentials, timeout);
			if (answer.status() == 404) {
				return CheckResult.failure("no Endpoints for Service " + namespace + "/" + this.service,
						details(namespace, resource, 0));
			}
			return evaluate(answer, resource, namespace, ReadyEndpoints::inEndpoints);
		}
		catch (IOException ex) {
			return CheckResult.failure(describe(ex), details(namespace, resource, null));
		}
		catch (GeneralSecurityException ex) {
			return CheckResult.failure(
					this.access.caFile() + " holds no valid certificate: " + FailureDescriptions.describe(ex),
					details(namespace, resource, null));
		}
	}

	/**
	 * Mask the token in a result's error: no message of the JDK or of the API server is
	 * known to echo it, and none ever will through this check.
	 */
	private static CheckResult withoutToken(CheckResult result, ServiceAccountCredentials credentials) {
		String error = result.error();
		if (error == null) {
			return result;
		}
		String masked = Redactor.of(List.of(credentials.token())).redact(error);
		return masked.equals(error) ? result
				: new CheckResult(result.up(), masked, result.permanent(), result.details());
	}

	private String namespace() throws IOException {
		if (this.namespace != null) {
			return this.namespace;
		}
		String own = this.podNamespace;
		if (own == null) {
			// A pod never moves to another namespace: read once.
			own = Files.readString(this.access.namespaceFile(), StandardCharsets.UTF_8).strip();
			if (!isName(own)) {
				throw new IOException(this.access.namespaceFile() + " holds no namespace name");
			}
			this.podNamespace = own;
		}
		return own;
	}

	/**
	 * Return whether a name is a DNS label, as the names of namespaces and Services are:
	 * safe in a URL path as it is.
	 * @param name the name
	 * @return whether it is one
	 */
	static boolean isName(String name) {
		return name.length() <= 63 && DNS_LABEL.matcher(name).matches();
	}

	private String endpointSlicesPath(String namespace) {
		return "/apis/discovery.k8s.io/v1/namespaces/" + namespace + "/endpointslices?labelSelector="
				+ URLEncoder.encode("kubernetes.io/service-name=" + this.service, StandardCharsets.UTF_8);
	}

	private String endpointsPath(String namespace) {
		return "/api/v1/namespaces/" + namespace + "/endpoints/" + this.service;
	}

	private CheckResult evaluate(Answer answer, ApiResource resource, String namespace,
			Function<@Nullable Object, Count> counter) {
		if (answer.status() == 401 || answer.status() == 403) {
			return denied(answer, resource, namespace);
		}
		if (answer.status() != 200) {
			String message = statusMessage(answer);
			return CheckResult.failure(
					"HTTP " + answer.status() + " from the Kubernetes API" + ((message != null) ? ": " + message : ""),
					details(namespace, resource, null));
		}
		Count count;
		try {
			count = counter.apply(JsonReader.read(answer.body()));
		}
		catch (IllegalArgumentException ex) {
			return CheckResult.failure("unexpected answer from the Kubernetes API: " + ex.getMessage(),
					details(namespace, resource, null));
		}
		Map<String, Object> details = details(namespace, resource, count.ready());
		if (count.ready() >= this.minReady) {
			return CheckResult.success(details);
		}
		if (count.sources() == 0) {
			return CheckResult.failure("no EndpointSlices for Service " + namespace + "/" + this.service, details);
		}
		return CheckResult.failure(
				count.ready() + " ready endpoint" + ((count.ready() == 1) ? "" : "s") + ", need " + this.minReady,
				details);
	}

	/**
	 * A 401 or 403: the permission that the service account needs, which no retry will
	 * grant. The details say which, for the start-up failure's report to show the Role.
	 */
	private CheckResult denied(Answer answer, ApiResource resource, String namespace) {
		Map<String, Object> details = details(namespace, resource, null);
		details.put("status", answer.status());
		details.put("apiGroup", resource.apiGroup());
		details.put("verb", resource.verb());
		String serviceAccount = deniedServiceAccount(answer);
		if (serviceAccount != null) {
			details.put("serviceAccount", serviceAccount);
		}
		String permission = resource.verb() + " on " + resource.describe() + " in namespace " + namespace;
		if (answer.status() == 401) {
			return CheckResult.permanentFailure("HTTP 401: the Kubernetes API rejected the service-account token;"
					+ " the pod's service account needs " + permission, details);
		}
		String who = (serviceAccount != null) ? "service account " + serviceAccount : "the pod's service account";
		return CheckResult.permanentFailure(
				"HTTP 403: " + who + " lacks " + permission + ": grant it with a Role and a RoleBinding", details);
	}

	/**
	 * The service account that a 403's Status message names, as {@code namespace:name}.
	 */
	private static @Nullable String deniedServiceAccount(Answer answer) {
		String message = statusMessage(answer);
		if (message == null) {
			return null;
		}
		Matcher user = SERVICE_ACCOUNT_USER.matcher(message);
		return user.find() ? user.group(1) + ":" + user.group(3) : null;
	}

	/**
	 * The message of the Status object that the API server answers an error with, if any.
	 */
	private static @Nullable String statusMessage(Answer answer) {
		try {
			if (JsonReader.read(answer.body()) instanceof Map<?, ?> status
					&& status.get("message") instanceof String message && !message.isBlank()) {
				return message;
			}
		}
		catch (IllegalArgumentException ex) {
			// Not a Status object (a proxy's page, "404 page not found"): nothing to add.
		}
		return null;
	}

	private Map<String, Object> details(String namespace, ApiResource resource, @Nullable Integer ready) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("namespace", namespace);
		details.put("resource", resource.resource());
		if (ready != null) {
			details.put("ready", ready);
		}
		return details;
	}

	private static String describe(Exception failure) {
		if (FailureDescriptions.causeChain(failure).stream().anyMatch(SSLException.class::isInstance)) {
			// Most often the API server's certificate is not signed by ca.crt: say it is
			// TLS.
			return "TLS with the Kubernetes API failed: " + FailureDescriptions.describe(failure);
		}
		return FailureDescriptions.describe(failure);
	}

	@Override
	public void close() {
		Resources.closeQuietly(this.api);
	}

	/**
	 * A resource of the Kubernetes API and the verb the check uses on it.
	 *
	 * @param apiGroup the API group, empty for the core group
	 * @param resource the resource, such as {@code endpointslices}
	 * @param verb the verb, such as {@code list}
	 */
	record ApiResource(String apiGroup, String resource, String verb) {

		String describe() {
			return this.resource + " (" + (this.apiGroup.isEmpty() ? "core API group" : "API group " + this.apiGroup)
					+ ")";
		}

	}

}
