package dev.probes.check;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.probes.engine.CheckScheduler;
import dev.probes.engine.CheckSettings;
import dev.probes.engine.DependencyMonitor;
import dev.probes.engine.DependencyState;
import dev.probes.engine.DependencyStatus;
import dev.probes.test.FaultProxy;
import dev.probes.test.KubernetesApiServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link DependencyCheckContractTests Contract tests} for
 * {@link KubernetesEndpointsCheck}, against fabric8's Kubernetes API server over TLS,
 * with the service account's files in a directory of the test's: ready endpoints counted
 * in EndpointSlices, or in core v1 Endpoints where the discovery API is not served; 401
 * and 403 as permanent failures that name the permission; a rotated token sent from the
 * next attempt on; never a token shown.
 */
class KubernetesEndpointsCheckContractTests extends DependencyCheckContractTests {

	private static final String SERVICE = "payments";

	/**
	 * Checks every 100 ms, for the tests that follow a dependency through transitions.
	 */
	private static final CheckSettings FAST = new CheckSettings(true, Duration.ofMillis(100), Duration.ofMillis(100),
			Duration.ofSeconds(2), 1, 1, Duration.ofSeconds(30));

	private static final Duration TRANSITION_WAIT = Duration.ofSeconds(10);

	@RegisterExtension
	static final KubernetesApiServer api = new KubernetesApiServer();

	@TempDir
	Path directory;

	private FaultProxy proxy;

	@BeforeAll
	static void warmUp() throws Exception {
		// The JVM's first TLS handshake and the server's first answers take longer than
		// an attempt's timeout while classes load: not what any test here measures.
		api.endpointSlice(SERVICE, "IPv4", 1, 0);
		new KubernetesEndpointsCheck(api.access(), null, SERVICE, 1, Duration.ofSeconds(30))
			.check(Duration.ofSeconds(30));
	}

	@AfterEach
	void closeProxy() {
		if (this.proxy != null) {
			this.proxy.close();
		}
	}

	@Override
	protected DependencyCheck reachableCheck() {
		api.endpointSlice(SERVICE, "IPv4", 1, 0);
		return check(1);
	}

	@Override
	protected DependencyCheck refusedCheck() throws IOException {
		URI closed = URI.create("https://127.0.0.1:" + ClosedPorts.find());
		return new KubernetesEndpointsCheck(new KubernetesAccess(closed, api.serviceAccountDirectory()), null, SERVICE,
				1, TIMEOUT);
	}

	@Override
	protected DependencyCheck blackHoledCheck() throws IOException {
		this.proxy = FaultProxy.to(api.apiServer().getPort());
		this.proxy.blackHole();
		URI behindProxy = URI.create("https://127.0.0.1:" + this.proxy.port());
		return new KubernetesEndpointsCheck(new KubernetesAccess(behindProxy, api.serviceAccountDirectory()), null,
				SERVICE, 1, TIMEOUT);
	}

	@Override
	protected CheckWithSecret failingCheckWithSecret() {
		String token = api.token();
		api.revokeToken();
		return new CheckWithSecret(check(1), token);
	}

	@Test
	void readyEndpointSlicesFromZeroToThreeToZeroTurnDependencyDownUpDown() throws Exception {
		api.endpointSlice(SERVICE, "IPv4", 0, 3);
		try (Watched watched = watch(check(1))) {
			DependencyState down = watched.awaitStatus(DependencyStatus.DOWN);
			assertThat(down.error()).isEqualTo("0 ready endpoints, need 1");
			assertThat(down.permanent()).isFalse();
			api.endpointSlice(SERVICE, "IPv4", 3, 0);
			DependencyState up = watched.awaitStatus(DependencyStatus.UP);
			assertThat(up.details()).containsEntry("ready", 3)
				.containsEntry("namespace", KubernetesApiServer.NAMESPACE)
				.containsEntry("resource", "endpointslices");
			api.endpointSlice(SERVICE, "IPv4", 0, 3);
			assertThat(watched.awaitStatus(DependencyStatus.DOWN).error()).isEqualTo("0 ready endpoints, need 1");
		}
	}

	@Test
	void minReadyThreeIsDownWithTwoReadyAndUpWithThree() throws Exception {
		api.endpointSlice(SERVICE, "IPv4", 2, 1);
		try (Watched watched = watch(check(3))) {
			assertThat(watched.awaitStatus(DependencyStatus.DOWN).error()).isEqualTo("2 ready endpoints, need 3");
			api.endpointSlice(SERVICE, "IPv4", 3, 0);
			assertThat(watched.awaitStatus(DependencyStatus.UP).details()).containsEntry("ready", 3);
			api.endpointSlice(SERVICE, "IPv4", 2, 1);
			assertThat(watched.awaitStatus(DependencyStatus.DOWN).error()).isEqualTo("2 ready endpoints, need 3");
		}
	}

	@Test
	void dualStackServiceCountsEachPodOnce() throws Exception {
		api.endpointSlice(SERVICE, "IPv4", 3, 0);
		api.endpointSlice(SERVICE, "IPv6", 3, 0);
		CheckResult result = check(4).check(TIMEOUT);
		assertThat(result.error()).isEqualTo("3 ready endpoints, need 4");
		assertThat(result.details()).containsEntry("ready", 3);
		// A family that lags behind the other does not lower the count.
		api.endpointSlice(SERVICE, "IPv6", 1, 2);
		assertThat(check(3).check(TIMEOUT).up()).isTrue();
	}

	@Test
	void serviceWithoutEndpointSlicesIsDownNamingIt() throws Exception {
		api.endpointSlice(SERVICE, "IPv4", 3, 0);
		CheckResult result = new KubernetesEndpointsCheck(api.access(), null, "billing", 1, TIMEOUT).check(TIMEOUT);
		assertThat(result.up()).isFalse();
		assertThat(result.permanent()).isFalse();
		assertThat(result.error()).isEqualTo("no EndpointSlices for Service shop/billing");
	}

	@Test
	void namespaceDefaultsToThePodsOwnAndCanBeAnother() throws Exception {
		api.endpointSlice(SERVICE, "IPv4", 3, 0);
		assertThat(check(1).check(TIMEOUT).up()).isTrue();
		CheckResult elsewhere = new KubernetesEndpointsCheck(api.access(), "billing", SERVICE, 1, TIMEOUT)
			.check(TIMEOUT);
		assertThat(elsewhere.error()).isEqualTo("no EndpointSlices for Service billing/payments");
		assertThat(api.paths()).containsExactly(
				"/apis/discovery.k8s.io/v1/namespaces/shop/endpointslices?labelSelector=kubernetes.io%2Fservice-name%3Dpayments",
				"/apis/discovery.k8s.io/v1/namespaces/billing/endpointslices?labelSelector=kubernetes.io%2Fservice-name%3Dpayments");
	}

	@Test
	void withoutDiscoveryApiReadyEndpointsFromZeroToThreeToZeroTurnDependencyDownUpDown() throws Exception {
		api.stopServingDiscoveryApi();
		api.endpoints(SERVICE, 0, 3);
		try (Watched watched = watch(check(1))) {
			assertThat(watched.awaitStatus(DependencyStatus.DOWN).error()).isEqualTo("0 ready endpoints, need 1");
			api.endpoints(SERVICE, 3, 0);
			DependencyState up = watched.awaitStatus(DependencyStatus.UP);
			assertThat(up.details()).containsEntry("ready", 3).containsEntry("resource", "endpoints");
			api.endpoints(SERVICE, 0, 3);
			assertThat(watched.awaitStatus(DependencyStatus.DOWN).error()).isEqualTo("0 ready endpoints, need 1");
		}
		// EndpointSlices were asked for once: the 404 is remembered.
		List<String> paths = api.paths();
		assertThat(paths.get(0)).startsWith("/apis/discovery.k8s.io/v1/namespaces/shop/endpointslices?");
		assertThat(paths.subList(1, paths.size())).isNotEmpty()
			.allSatisfy((path) -> assertThat(path).isEqualTo("/api/v1/namespaces/shop/endpoints/payments"));
	}

	@Test
	void withoutDiscoveryApiMinReadyThreeIsDownWithTwoReady() throws Exception {
		api.stopServingDiscoveryApi();
		api.endpoints(SERVICE, 2, 1);
		KubernetesEndpointsCheck check = check(3);
		assertThat(check.check(TIMEOUT).error()).isEqualTo("2 ready endpoints, need 3");
		api.endpoints(SERVICE, 3, 0);
		assertThat(check.check(TIMEOUT).up()).isTrue();
	}

	@Test
	void withoutDiscoveryApiServiceWithoutEndpointsIsDownNamingIt() throws Exception {
		api.stopServingDiscoveryApi();
		CheckResult result = check(1).check(TIMEOUT);
		assertThat(result.error()).isEqualTo("no Endpoints for Service shop/payments");
		assertThat(result.permanent()).isFalse();
	}

	@Test
	void rejectedTokenIsPermanentAndNamesThePermission() throws Exception {
		api.endpointSlice(SERVICE, "IPv4", 3, 0);
		api.revokeToken();
		CheckResult result = check(1).check(TIMEOUT);
		assertThat(result.up()).isFalse();
		assertThat(result.permanent()).isTrue();
		assertThat(result.error()).isEqualTo("HTTP 401: the Kubernetes API rejected the service-account token; the"
				+ " pod's service account needs list on endpointslices (API group discovery.k8s.io) in namespace shop");
		assertThat(result.details()).containsEntry("status", 401)
			.containsEntry("resource", "endpointslices")
			.containsEntry("apiGroup", "discovery.k8s.io")
			.containsEntry("verb", "list")
			.doesNotContainKey("serviceAccount");
	}

	@Test
	void forbiddenEndpointSlicesArePermanentAndNameTheServiceAccountAndPermission() throws Exception {
		api.endpointSlice(SERVICE, "IPv4", 3, 0);
		api.forbid("endpointslices");
		CheckResult result = check(1).check(TIMEOUT);
		assertThat(result.permanent()).isTrue();
		assertThat(result.error()).isEqualTo("HTTP 403: service account shop:orders lacks list on endpointslices"
				+ " (API group discovery.k8s.io) in namespace shop: grant it with a Role and a RoleBinding");
		assertThat(result.details()).containsEntry("status", 403)
			.containsEntry("serviceAccount", "shop:orders")
			.containsEntry("verb", "list");
		// A permission to grant, not a reason to read Endpoints instead.
		assertThat(api.paths()).allSatisfy((path) -> assertThat(path).startsWith("/apis/discovery.k8s.io/"));
	}

	@Test
	void forbiddenEndpointsWithoutDiscoveryApiNameTheEndpointsPermission() throws Exception {
		api.stopServingDiscoveryApi();
		api.endpoints(SERVICE, 3, 0);
		api.forbid("endpoints");
		CheckResult result = check(1).check(TIMEOUT);
		assertThat(result.permanent()).isTrue();
		assertThat(result.error()).isEqualTo("HTTP 403: service account shop:orders lacks get on endpoints"
				+ " (core API group) in namespace shop: grant it with a Role and a RoleBinding");
		assertThat(result.details()).containsEntry("resource", "endpoints")
			.containsEntry("apiGroup", "")
			.containsEntry("verb", "get");
	}

	@Test
	void rotatedTokenIsSentFromTheNextAttemptOn() throws Exception {
		api.endpointSlice(SERVICE, "IPv4", 1, 0);
		Path frozen = copyOfServiceAccount("frozen");
		KubernetesEndpointsCheck check = check(1);
		String before = api.token();
		assertThat(check.check(TIMEOUT).up()).isTrue();
		String after = api.rotateToken();
		assertThat(check.check(TIMEOUT).up()).isTrue();
		assertThat(api.authorizations()).containsExactly("Bearer " + before, "Bearer " + after);
		// The server rejects the old token: a check that kept it would be denied.
		CheckResult stale = new KubernetesEndpointsCheck(new KubernetesAccess(api.apiServer(), frozen), null, SERVICE,
				1, TIMEOUT)
			.check(TIMEOUT);
		assertThat(stale.error()).startsWith("HTTP 401");
	}

	@Test
	void tokenIsNeverShown() throws Exception {
		api.endpointSlice(SERVICE, "IPv4", 3, 0);
		String token = api.token();
		List<DependencyState> states = new ArrayList<>();
		states.add(awaitFirstState(check(5), Redactor.none()).state());
		api.forbid("endpointslices");
		states.add(awaitFirstState(check(1), Redactor.none()).state());
		states.add(awaitFirstState(refusedCheck(), Redactor.none()).state());
		api.revokeToken();
		states.add(awaitFirstState(check(1), Redactor.none()).state());
		assertThat(states).allSatisfy((state) -> {
			assertThat(state.status()).isEqualTo(DependencyStatus.DOWN);
			assertThat(state.error()).isNotBlank().doesNotContain(token);
			assertThat(state.details().toString()).doesNotContain(token);
		});
	}

	@Test
	void caCertificateThatDidNotSignTheServerFailsTlsUntilTheRightOneIsMounted() throws Exception {
		api.endpointSlice(SERVICE, "IPv4", 1, 0);
		Path caFile = api.serviceAccountDirectory().resolve("ca.crt");
		Path rightCa = Files.copy(caFile, this.directory.resolve("right-ca.crt"));
		KubernetesEndpointsCheck check = check(1);
		KubernetesApiServer.writeOtherCertificate(caFile);
		CheckResult untrusted = check.check(TIMEOUT);
		assertThat(untrusted.up()).isFalse();
		assertThat(untrusted.permanent()).isFalse();
		assertThat(untrusted.error()).startsWith("TLS with the Kubernetes API failed: ");
		Files.copy(rightCa, caFile, StandardCopyOption.REPLACE_EXISTING);
		assertThat(check.check(TIMEOUT).up()).isTrue();
	}

	@Test
	void outsideAPodIsPermanentlyDownSayingSo() throws Exception {
		KubernetesAccess outside = KubernetesAccess.fromEnvironment(Map.of("HOME", "/root"),
				api.serviceAccountDirectory());
		CheckResult result = new KubernetesEndpointsCheck(outside, null, SERVICE, 1, TIMEOUT).check(TIMEOUT);
		assertThat(result.permanent()).isTrue();
		assertThat(result.error()).isEqualTo(
				"not running in a Kubernetes pod: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set");
	}

	@Test
	void withoutServiceAccountFilesIsPermanentlyDownSayingSo() throws Exception {
		Path empty = Files.createDirectories(this.directory.resolve("empty"));
		KubernetesAccess access = KubernetesAccess.fromEnvironment(Map.of("KUBERNETES_SERVICE_HOST", "127.0.0.1",
				"KUBERNETES_SERVICE_PORT", String.valueOf(api.apiServer().getPort())), empty);
		CheckResult result = new KubernetesEndpointsCheck(access, null, SERVICE, 1, TIMEOUT).check(TIMEOUT);
		assertThat(result.permanent()).isTrue();
		assertThat(result.error()).isEqualTo("not running in a Kubernetes pod: no service-account file "
				+ empty.resolve("token") + " (is automountServiceAccountToken false?)");
	}

	@Test
	void apiServerFromTheEnvironmentIsReachedOverTls() throws Exception {
		api.endpointSlice(SERVICE, "IPv4", 2, 0);
		KubernetesAccess access = KubernetesAccess.fromEnvironment(Map.of("KUBERNETES_SERVICE_HOST", "127.0.0.1",
				"KUBERNETES_SERVICE_PORT", String.valueOf(api.apiServer().getPort())), api.serviceAccountDirectory());
		CheckResult result = new KubernetesEndpointsCheck(access, null, SERVICE, 2, TIMEOUT).check(TIMEOUT);
		assertThat(result.up()).isTrue();
	}

	private KubernetesEndpointsCheck check(int minReady) {
		return new KubernetesEndpointsCheck(api.access(), null, SERVICE, minReady, TIMEOUT);
	}

	private Path copyOfServiceAccount(String name) throws IOException {
		Path copy = Files.createDirectories(this.directory.resolve(name));
		for (String file : List.of("token", "ca.crt", "namespace")) {
			Files.copy(api.serviceAccountDirectory().resolve(file), copy.resolve(file));
		}
		return copy;
	}

	private static Watched watch(DependencyCheck check) {
		DependencyMonitor monitor = new DependencyMonitor(SERVICE, "kubernetes-endpoints", check, FAST, Redactor.none(),
				Clock.systemUTC(), List.of());
		CheckScheduler scheduler = new CheckScheduler(List.of(monitor));
		scheduler.start();
		return new Watched(monitor, scheduler);
	}

	/**
	 * A check run by the engine every 100 ms.
	 */
	private record Watched(DependencyMonitor monitor, CheckScheduler scheduler) implements AutoCloseable {

		DependencyState awaitStatus(DependencyStatus status) {
			return await().atMost(TRANSITION_WAIT)
				.pollInterval(Duration.ofMillis(20))
				.until(this.monitor::state, (state) -> state.status() == status);
		}

		@Override
		public void close() {
			this.scheduler.close();
		}

	}

}
