package dev.probes.autoconfigure.check;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.jspecify.annotations.Nullable;

import dev.probes.check.KafkaCheck;

/**
 * The Kafka {@link Admin} client of a {@code kafka} check: created once, at start-up, and
 * reused by every attempt until it is closed with the check.
 *
 * <p>
 * Creating the client connects nothing (it connects in the background, and reconnects by
 * itself), but it fails when no bootstrap server's name resolves. A name that does not
 * resolve yet is common while a cluster starts (a Service or a pod's DNS record that is
 * not there yet): the client is then created by the first attempt that finds a name
 * resolving, and each attempt before it reports the unknown host.
 */
final class OwnKafkaAdmin implements KafkaCheck.AdminSource, AutoCloseable {

	/**
	 * {@code name="value"} options of a JAAS configuration, whose values may be secrets.
	 */
	private static final Pattern JAAS_OPTION = Pattern.compile("([A-Za-z0-9_.-]+)\\s*=\\s*\"([^\"]*)\"");

	private static final Pattern SECRET_OPTION = Pattern.compile("(?i).*(password|secret|token|credential).*");

	private static final List<String> STORE_LOCATIONS = List.of(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG,
			SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG);

	private final Map<String, Object> config;

	private final List<String> hosts;

	// Guarded by this.
	private @Nullable Admin admin;

	private boolean closed;

	private OwnKafkaAdmin(Map<String, Object> config, List<String> hosts) {
		// Not Map.copyOf: a configuration of the application's may hold null values.
		this.config = Collections.unmodifiableMap(new HashMap<>(config));
		this.hosts = hosts;
	}

	/**
	 * Create the client, unless no bootstrap server's name resolves yet.
	 * @param config the client's configuration
	 * @param hosts the host names of its bootstrap servers
	 * @return the client's owner
	 * @throws org.apache.kafka.common.config.ConfigException when the client rejects the
	 * configuration
	 * @throws org.apache.kafka.common.KafkaException when the client cannot be created,
	 * such as when its SSL key store cannot be read
	 */
	static OwnKafkaAdmin create(Map<String, Object> config, List<String> hosts) {
		OwnKafkaAdmin owner = new OwnKafkaAdmin(config, hosts);
		// Validates every value before anything is resolved or started.
		new AdminClientConfig(config);
		requireReadableStores(config);
		if (owner.anyHostResolves()) {
			owner.admin = Admin.create(owner.config);
		}
		return owner;
	}

	/**
	 * Fail on a key or trust store file that cannot be read, before the client tries to:
	 * it logs that failure with a stack trace, where the report needs one line.
	 */
	private static void requireReadableStores(Map<String, Object> config) {
		for (String key : STORE_LOCATIONS) {
			if (config.get(key) instanceof String location && !Files.isReadable(Path.of(location))) {
				throw new ConfigException(key, location, "the file does not exist or cannot be read");
			}
		}
	}

	/**
	 * Return the secrets of a client configuration: its password settings (SASL, SSL) and
	 * the secret options of its JAAS configuration.
	 * @param config the client's configuration
	 * @return the secrets
	 * @throws org.apache.kafka.common.config.ConfigException when the client rejects the
	 * configuration
	 */
	static List<String> secrets(Map<String, Object> config) {
		AdminClientConfig parsed = new AdminClientConfig(config);
		List<String> secrets = new ArrayList<>();
		for (String key : config.keySet()) {
			if (AdminClientConfig.configNames().contains(key) && parsed.typeOf(key) == ConfigDef.Type.PASSWORD) {
				Password password = parsed.getPassword(key);
				if (password != null) {
					secrets.add(password.value());
				}
			}
		}
		Password jaas = parsed.getPassword(SaslConfigs.SASL_JAAS_CONFIG);
		if (jaas != null) {
			Matcher option = JAAS_OPTION.matcher(jaas.value());
			while (option.find()) {
				if (SECRET_OPTION.matcher(option.group(1)).matches()) {
					secrets.add(option.group(2));
				}
			}
		}
		return secrets;
	}

	@Override
	public synchronized Admin admin() throws UnknownHostException {
		if (this.closed) {
			throw new IllegalStateException("closed");
		}
		if (this.admin == null) {
			if (!anyHostResolves()) {
				throw new UnknownHostException(String.join(",", this.hosts));
			}
			this.admin = Admin.create(this.config);
		}
		return this.admin;
	}

	private boolean anyHostResolves() {
		for (String host : this.hosts) {
			try {
				InetAddress.getAllByName(host);
				return true;
			}
			catch (UnknownHostException ex) {
				// Try the next one, as the client itself does.
			}
		}
		return this.hosts.isEmpty();
	}

	@Override
	public void close() {
		Admin current;
		synchronized (this) {
			this.closed = true;
			current = this.admin;
		}
		if (current != null) {
			// Pending calls (an attempt's, at most) are failed rather than waited for.
			current.close(Duration.ZERO);
		}
	}

}
