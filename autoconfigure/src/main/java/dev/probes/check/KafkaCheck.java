package dev.probes.check;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Checks a Kafka cluster by describing it with an {@link Admin} client: up when the
 * cluster has at least the required number of brokers.
 *
 * <p>
 * The client comes from an {@link AdminSource} that creates it once and hands the same
 * one to every attempt, so the connections the brokers see do not grow with the checks.
 * Each call is bounded by the attempt's timeout. A rejected login (SASL or SSL
 * authentication) and a denied cluster authorization are permanent failures: retrying
 * will not mend them. Details show the number of brokers and the cluster id, never a
 * broker's address.
 */
public final class KafkaCheck implements DependencyCheck {

	private final AdminSource admins;

	private final int minBrokers;

	private final Redactor redactor;

	private final @Nullable AutoCloseable ownedResource;

	/**
	 * Create a check.
	 * @param admins gives the client to describe the cluster with
	 * @param minBrokers how many brokers the cluster needs to count as up, at least 1
	 * @param redactor masks the client's secrets (its SASL and SSL passwords) in error
	 * texts
	 * @param ownedResource what the check holds of its own (the client), closed with the
	 * check
	 */
	public KafkaCheck(AdminSource admins, int minBrokers, Redactor redactor, @Nullable AutoCloseable ownedResource) {
		if (minBrokers < 1) {
			throw new IllegalArgumentException("minBrokers must be at least 1");
		}
		this.admins = admins;
		this.minBrokers = minBrokers;
		this.redactor = redactor;
		this.ownedResource = ownedResource;
	}

	@Override
	public CheckResult check(Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		Collection<Node> brokers;
		String clusterId;
		try {
			// The client's own deadline, so that an abandoned call does not linger past
			// the attempt.
			DescribeClusterResult cluster = this.admins.admin()
				.describeCluster(new DescribeClusterOptions().timeoutMs(Timeouts.millis(timeout)));
			brokers = await(cluster.nodes(), deadline);
			clusterId = await(cluster.clusterId(), deadline);
		}
		catch (InterruptedException ex) {
			throw ex;
		}
		catch (Exception ex) {
			return failure(ex);
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("brokers", brokers.size());
		if (clusterId != null) {
			details.put("clusterId", clusterId);
		}
		if (brokers.size() < this.minBrokers) {
			return CheckResult.failure(shortfall(brokers.size()), details);
		}
		return CheckResult.success(details);
	}

	private static <T> T await(KafkaFuture<T> future, long deadline) throws Exception {
		try {
			return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof Exception cause) ? cause : ex;
		}
	}

	private CheckResult failure(Exception failure) {
		if (failure instanceof TimeoutException || failure instanceof java.util.concurrent.TimeoutException) {
			// The client's "Timed out waiting for a node assignment" hides whether no
			// broker
			// answered at all (it retries a refused connection until the deadline) or one
			// answered too late: either way the cluster did not answer in time.
			return CheckResult.failure("timed out waiting for the cluster");
		}
		String description = FailureDescriptions.describe(failure, this.redactor);
		if (isPermanent(failure)) {
			return CheckResult.permanentFailure(description, Map.of());
		}
		return CheckResult.failure(description);
	}

	/**
	 * Return whether the cluster refused the client's credentials or its access to the
	 * cluster: the same credentials would be refused again. Kafka's own authorizer lets
	 * any authenticated user describe the cluster; a denial can only come from an
	 * authorizer of another kind.
	 */
	static boolean isPermanent(Throwable failure) {
		return FailureDescriptions.causeChain(failure)
			.stream()
			.anyMatch((cause) -> cause instanceof AuthenticationException
					|| cause instanceof ClusterAuthorizationException);
	}

	private String shortfall(int brokers) {
		return brokers + ((brokers == 1) ? " broker, " : " brokers, ") + this.minBrokers + " required";
	}

	@Override
	public void close() {
		Resources.closeQuietly(this.ownedResource);
	}

	/**
	 * Gives the Admin client that the check describes the cluster with.
	 */
	@FunctionalInterface
	public interface AdminSource {

		/**
		 * Return the client, the same one on every call once it exists. Creating it
		 * connects nothing: the client connects in the background.
		 * @return the client
		 * @throws Exception when the client cannot be created yet, such as when no
		 * bootstrap server's name resolves
		 */
		Admin admin() throws Exception;

	}

}
