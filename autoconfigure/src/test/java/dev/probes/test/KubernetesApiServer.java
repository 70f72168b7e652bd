package dev.probes.test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.util.FileSystemUtils;

import dev.probes.check.KubernetesAccess;

/**
 * A Kubernetes API server on loopback, for the {@code kubernetes-endpoints} tests:
 * fabric8's server in CRUD mode (what is written through its client is listed, selected
 * by label, got and updated as by a real API server), over TLS with a certificate of its
 * own, behind the API server's authentication and authorization as far as a pod's service
 * account meets them.
 *
 * <p>
 * A request with the service account's current token passes; with any other (the token
 * before a rotation), it is answered 401. A resource can be forbidden, answered 403 with
 * the API server's own Status message. The {@code discovery.k8s.io} group can be
 * unserved, answered 404 as an API server that does not know it answers. The fabric8
 * client that the tests write EndpointSlices and Endpoints with has a token of its own,
 * which always passes. The service account's files (token, {@code ca.crt} with the
 * server's certificate, the namespace) are written to a directory of its own, as the
 * kubelet mounts them.
 *
 * <p>
 * A JUnit extension: a test class registers one in a static field, <pre class="code">
 * &#64;RegisterExtension
 * static final KubernetesApiServer api = new KubernetesApiServer();
 * </pre> which starts before the class's {@code @BeforeAll} methods (a server starts in
 * seconds in a cold JVM, so one serves every test of the class), is {@link #reset()
 * reset} before each test, and stops after the class, its directory deleted.
 */
public final class KubernetesApiServer implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

	/** The pod's namespace, as its service account's {@code namespace} file gives it. */
	public static final String NAMESPACE = "shop";

	/** The pod's service account. */
	public static final String SERVICE_ACCOUNT = "orders";

	/**
	 * Held, so that its level holds: the server logs every request it answers at INFO.
	 */
	private static final Logger SERVER_LOGGER = Logger.getLogger(MockWebServer.class.getName());

	static {
		SERVER_LOGGER.setLevel(Level.WARNING);
	}

	/** The token that fabric8's mock client sends. */
	private static final String ADMIN_AUTHORIZATION = "Bearer secret";

	private final MockWebServer web = new MockWebServer();

	private final KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher();

	private final KubernetesMockServer server = new KubernetesMockServer(new Context(), this.web, new HashMap<>(),
			new AccessControl(this.crud), true);

	private final Set<String> forbidden = ConcurrentHashMap.newKeySet();

	private final List<String> authorizations = new CopyOnWriteArrayList<>();

	private final List<String> paths = new CopyOnWriteArrayList<>();

	private Path serviceAccountDirectory;

	private KubernetesClient client;

	private volatile String token;

	private volatile boolean discoveryServed = true;

	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
		this.serviceAccountDirectory = Files.createTempDirectory("serviceaccount");
		this.server.init(InetAddress.getLoopbackAddress(), 0);
		this.client = this.server.createClient();
		reset();
	}

	@Override
	public void beforeEach(ExtensionContext context) throws IOException {
		reset();
	}

	@Override
	public void afterAll(ExtensionContext context) throws IOException {
		this.client.close();
		this.server.destroy();
		FileSystemUtils.deleteRecursively(this.serviceAccountDirectory);
	}

	/**
	 * Forget every object, forbidden resource and recorded request, serve the discovery
	 * API again, and write the service account's files anew with a new token: as a server
	 * just started, without the cost of starting one.
	 * @throws IOException when the files could not be written
	 */
	public void reset() throws IOException {
		this.crud.reset();
		this.forbidden.clear();
		this.discoveryServed = true;
		this.authorizations.clear();
		this.paths.clear();
		Path caFile = this.serviceAccountDirectory.resolve("ca.crt");
		Files.copy(Path.of(this.web.getSelfSignedCertificate().certificatePath()), caFile,
				StandardCopyOption.REPLACE_EXISTING);
		write("namespace", NAMESPACE);
		rotateToken();
	}

	/**
	 * Write the certificate of another server, which did not sign this one's.
	 * @param file where to write it
	 * @throws IOException when it could not be written
	 */
	public static void writeOtherCertificate(Path file) throws IOException {
		try (MockWebServer other = new MockWebServer()) {
			other.useHttps();
			other.start(InetAddress.getLoopbackAddress(), 0);
			Files.copy(Path.of(other.getSelfSignedCertificate().certificatePath()), file,
					StandardCopyOption.REPLACE_EXISTING);
		}
	}

	/**
	 * Return the access a check in a pod of this cluster has.
	 * @return the access
	 */
	public KubernetesAccess access() {
		return new KubernetesAccess(apiServer(), this.serviceAccountDirectory);
	}

	/**
	 * Return the server's base URL, {@code https://127.0.0.1:<port>}.
	 * @return the URL
	 */
	public URI apiServer() {
		return URI.create("https://127.0.0.1:" + this.web.getPort());
	}

	public Path serviceAccountDirectory() {
		return this.serviceAccountDirectory;
	}

	/**
	 * Return a client with full access, to write the objects a test needs.
	 * @return the client
	 */
	public KubernetesClient client() {
		return this.client;
	}

	/**
	 * Return the service account's current token.
	 * @return the token
	 */
	public String token() {
		return this.token;
	}

	/**
	 * Issue a new token, as the kubelet does before the old one expires: the file is
	 * replaced atomically, and from now on the old token is rejected.
	 * @return the new token
	 * @throws IOException when the file could not be written
	 */
	public String rotateToken() throws IOException {
		String rotated = newToken();
		write("token", rotated);
		this.token = rotated;
		return rotated;
	}

	/**
	 * Stop accepting the service account's token without writing a new one to its file,
	 * as an API server of another cluster, or one whose signing key changed, rejects it.
	 */
	public void revokeToken() {
		this.token = newToken();
	}

	/**
	 * Write the Service's EndpointSlice of one address family, replacing the one written
	 * before: {@code ready} ready pods ({@code <service>-0}, {@code <service>-1}, ...),
	 * then {@code notReady} pods that are not ready. Pods of the same number in the
	 * slices of two families are the same pod, as in a dual-stack Service.
	 * @param service the Service's name
	 * @param addressType {@code IPv4} or {@code IPv6}
	 * @param ready how many ready endpoints
	 * @param notReady how many endpoints that are not ready
	 */
	public void endpointSlice(String service, String addressType, int ready, int notReady) {
		List<Endpoint> endpoints = new ArrayList<>();
		for (int pod = 0; pod < ready + notReady; pod++) {
			endpoints.add(new EndpointBuilder().withAddresses(address(addressType, pod))
				.withNewConditions()
				.withReady(pod < ready)
				.endConditions()
				.withTargetRef(pod(service, pod))
				.build());
		}
		EndpointSlice slice = new EndpointSliceBuilder().withNewMetadata()
			.withName(service + "-" + addressType.toLowerCase(Locale.ROOT))
			.withNamespace(NAMESPACE)
			.addToLabels("kubernetes.io/service-name", service)
			.endMetadata()
			.withAddressType(addressType)
			.withEndpoints(endpoints)
			.build();
		this.client.resource(slice).createOr(NonDeletingOperation::update);
	}

	/**
	 * Write the Service's core v1 Endpoints object, replacing the one written before:
	 * {@code ready} addresses and {@code notReady} not ready ones.
	 * @param service the Service's name
	 * @param ready how many ready addresses
	 * @param notReady how many addresses that are not ready
	 */
	public void endpoints(String service, int ready, int notReady) {
		List<EndpointAddress> addresses = new ArrayList<>();
		List<EndpointAddress> notReadyAddresses = new ArrayList<>();
		for (int pod = 0; pod < ready + notReady; pod++) {
			EndpointAddress address = new EndpointAddressBuilder().withIp(address("IPv4", pod))
				.withTargetRef(pod(service, pod))
				.build();
			((pod < ready) ? addresses : notReadyAddresses).add(address);
		}
		Endpoints endpoints = new EndpointsBuilder().withNewMetadata()
			.withName(service)
			.withNamespace(NAMESPACE)
			.endMetadata()
			.addNewSubset()
			.withAddresses(addresses)
			.withNotReadyAddresses(notReadyAddresses)
			.addNewPort()
			.withName("http")
			.withPort(8080)
			.endPort()
			.endSubset()
			.build();
		this.client.resource(endpoints).createOr(NonDeletingOperation::update);
	}

	private static String address(String addressType, int pod) {
		return "IPv6".equals(addressType) ? "fd00::" + (pod + 1) : "10.0.0." + (pod + 1);
	}

	private static ObjectReference pod(String service, int pod) {
		String name = service + "-" + pod;
		return new ObjectReferenceBuilder().withKind("Pod")
			.withNamespace(NAMESPACE)
			.withName(name)
			.withUid(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString())
			.build();
	}

	/**
	 * Answer requests of the service account for a resource with 403.
	 * @param resource the resource, such as {@code endpointslices}
	 */
	public void forbid(String resource) {
		this.forbidden.add(resource);
	}

	/**
	 * Answer every request for the {@code discovery.k8s.io} group with 404, as an API
	 * server that does not serve it.
	 */
	public void stopServingDiscoveryApi() {
		this.discoveryServed = false;
	}

	/**
	 * Return the {@code Authorization} header of each request the service account sent.
	 * @return the headers, oldest first
	 */
	public List<String> authorizations() {
		return List.copyOf(this.authorizations);
	}

	/**
	 * Return the path and query of each request the service account sent.
	 * @return the paths, oldest first
	 */
	public List<String> paths() {
		return List.copyOf(this.paths);
	}

	private void write(String file, String content) throws IOException {
		Path temporary = Files.createTempFile(this.serviceAccountDirectory, "." + file, ".tmp");
		Files.writeString(temporary, content, StandardCharsets.UTF_8);
		Files.move(temporary, this.serviceAccountDirectory.resolve(file), StandardCopyOption.REPLACE_EXISTING,
				StandardCopyOption.ATOMIC_MOVE);
	}

	/** A token shaped like a bound service-account token: three base64url parts. */
	private static String newToken() {
		String random = UUID.randomUUID().toString().replace("-", "");
		return "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6c2hvcDpvcmRlcnMifQ." + random;
	}

	/**
	 * The API server's authentication and authorization in front of the CRUD dispatcher.
	 */
	private final class AccessControl extends Dispatcher {

		private final Dispatcher crud;

		AccessControl(Dispatcher crud) {
			this.crud = crud;
		}

		@Override
		public MockResponse dispatch(RecordedRequest request) {
			String path = request.getPath();
			String authorization = request.getHeader("Authorization");
			if (ADMIN_AUTHORIZATION.equals(authorization)) {
				return this.crud.dispatch(request);
			}
			KubernetesApiServer.this.authorizations.add(String.valueOf(authorization));
			KubernetesApiServer.this.paths.add(path);
			// As the API server: authentication, then authorization, then the resource.
			if (!("Bearer " + KubernetesApiServer.this.token).equals(authorization)) {
				return status(401, "Unauthorized", "Unauthorized");
			}
			boolean discovery = path.startsWith("/apis/discovery.k8s.io/");
			String resource = discovery ? "endpointslices" : path.startsWith("/api/v1/") ? "endpoints" : "";
			if (KubernetesApiServer.this.forbidden.contains(resource)) {
				String group = discovery ? "discovery.k8s.io" : "";
				String verb = discovery ? "list" : "get";
				return status(403, "Forbidden",
						resource + (discovery ? ".discovery.k8s.io" : "")
								+ " is forbidden: User \\\"system:serviceaccount:" + NAMESPACE + ":" + SERVICE_ACCOUNT
								+ "\\\" cannot " + verb + " resource \\\"" + resource + "\\\" in API group \\\"" + group
								+ "\\\" in the namespace \\\"" + NAMESPACE + "\\\"");
			}
			if (discovery && !KubernetesApiServer.this.discoveryServed) {
				return new MockResponse().setResponseCode(404)
					.setHeader("Content-Type", "text/plain; charset=utf-8")
					.setBody("404 page not found\n");
			}
			return this.crud.dispatch(request);
		}

		@Override
		public void shutdown() {
			this.crud.shutdown();
		}

		private MockResponse status(int code, String reason, String message) {
			return new MockResponse().setResponseCode(code)
				.setHeader("Content-Type", "application/json")
				.setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
						+ "\"message\":\"" + message + "\",\"reason\":\"" + reason + "\",\"code\":" + code + "}");
		}

	}

}
