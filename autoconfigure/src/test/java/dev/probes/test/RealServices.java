package dev.probes.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.mariadb.MariaDBContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The real services that integration tests run against: containers started by
 * Testcontainers where a Docker engine is available, the machine's own services on
 * loopback otherwise (CI here has no Docker engine but runs PostgreSQL, MariaDB, Redis
 * and RabbitMQ locally). The same tests run either way; none is skipped.
 *
 * <p>
 * {@code -Dprobes.test.services=local} or {@code =testcontainers} forces one source.
 */
public final class RealServices {

	private static final String SOURCE_PROPERTY = "probes.test.services";

	private static Database postgres;

	private static Database mariadb;

	private static Database passwordPostgres;

	private static Server redis;

	private static Server passwordRedis;

	private static Server rabbitmq;

	private static GenericContainer<?> rabbitmqContainer;

	private RealServices() {
	}

	/**
	 * Return a PostgreSQL database on loopback or in a container.
	 * @return the database
	 */
	public static synchronized Database postgres() {
		if (postgres == null) {
			postgres = start(() -> new PostgreSQLContainer("postgres:16-alpine"),
					() -> new Database("postgresql", "127.0.0.1", 5432, "test", "postgres", ""));
		}
		return postgres;
	}

	/**
	 * Return a MariaDB database on loopback or in a container.
	 * @return the database
	 */
	public static synchronized Database mariadb() {
		if (mariadb == null) {
			mariadb = start(() -> new MariaDBContainer("mariadb:11"),
					() -> new Database("mariadb", "127.0.0.1", 3306, "test", "root", ""));
		}
		return mariadb;
	}

	/**
	 * Return a PostgreSQL database that checks passwords, which the machine's shared
	 * server (trust authentication) does not: a container, or a private server of its own
	 * on another port ({@link PrivatePostgres}), stopped when the JVM exits.
	 * @return the database
	 */
	public static synchronized Database passwordPostgres() {
		if (passwordPostgres == null) {
			passwordPostgres = start(() -> new PostgreSQLContainer("postgres:16-alpine"), PrivatePostgres::start);
		}
		return passwordPostgres;
	}

	/**
	 * Return a Redis server without a password, on loopback or in a container.
	 * @return the server
	 */
	public static synchronized Server redis() {
		if (redis == null) {
			redis = useContainers() ? startRedisContainer(null) : new Server("redis", "127.0.0.1", 6379, "", "");
		}
		return redis;
	}

	/**
	 * Return a Redis server that requires a password, which the machine's shared server
	 * does not: a container, or a private {@code redis-server} of its own on another port
	 * ({@link PrivateRedis}), stopped when the JVM exits.
	 * @return the server, with its password
	 */
	public static synchronized Server passwordRedis() {
		if (passwordRedis == null) {
			String password = "pr0bes-" + UUID.randomUUID().toString().substring(0, 8);
			passwordRedis = useContainers() ? startRedisContainer(password) : PrivateRedis.start(password);
		}
		return passwordRedis;
	}

	/**
	 * Return a RabbitMQ broker, on loopback (user {@code guest}) or in a container.
	 * @return the broker
	 */
	public static synchronized Server rabbitmq() {
		if (rabbitmq == null) {
			if (useContainers()) {
				// guest may only log in from localhost, which a mapped port is not.
				rabbitmqContainer = new GenericContainer<>("rabbitmq:3-alpine").withExposedPorts(5672)
					.withEnv("RABBITMQ_DEFAULT_USER", "probes")
					.withEnv("RABBITMQ_DEFAULT_PASS", "probes")
					.waitingFor(Wait.forLogMessage(".*Server startup complete.*", 1));
				rabbitmqContainer.start();
				rabbitmq = new Server("amqp", rabbitmqContainer.getHost(), rabbitmqContainer.getFirstMappedPort(),
						"probes", "probes");
			}
			else {
				rabbitmq = new Server("amqp", "127.0.0.1", 5672, "guest", "guest");
			}
		}
		return rabbitmq;
	}

	/**
	 * Run {@code rabbitmqctl} on the broker of {@link #rabbitmq()}: the machine's own, or
	 * in its container.
	 * @param arguments the command and its arguments, such as {@code list_connections}
	 * @return what it printed
	 * @throws Exception when it could not run or failed
	 */
	public static String rabbitmqctl(String... arguments) throws Exception {
		rabbitmq();
		List<String> command = new ArrayList<>(List.of("rabbitmqctl", "-q"));
		command.addAll(List.of(arguments));
		if (rabbitmqContainer != null) {
			Container.ExecResult result = rabbitmqContainer.execInContainer(command.toArray(String[]::new));
			if (result.getExitCode() != 0) {
				throw new IllegalStateException(String.join(" ", command) + ": " + result.getStderr());
			}
			return result.getStdout();
		}
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
			process.destroyForcibly();
			throw new IOException(String.join(" ", command) + ": " + output);
		}
		return output;
	}

	private static Server startRedisContainer(String password) {
		GenericContainer<?> container = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
		if (password != null) {
			container.withCommand("redis-server", "--requirepass", password);
		}
		container.start();
		return new Server("redis", container.getHost(), container.getFirstMappedPort(), "",
				(password != null) ? password : "");
	}

	private static Database start(Supplier<JdbcDatabaseContainer<?>> container, Supplier<Database> local) {
		if (!useContainers()) {
			return local.get();
		}
		JdbcDatabaseContainer<?> started = container.get();
		started.start();
		String scheme = (started instanceof PostgreSQLContainer) ? "postgresql" : "mariadb";
		return new Database(scheme, started.getHost(), started.getFirstMappedPort(), started.getDatabaseName(),
				started.getUsername(), started.getPassword());
	}

	private static boolean useContainers() {
		String source = System.getProperty(SOURCE_PROPERTY, "auto").toLowerCase(Locale.ROOT);
		return switch (source) {
			case "local" -> false;
			case "testcontainers" -> true;
			default -> DockerClientFactory.instance().isDockerAvailable();
		};
	}

	/**
	 * Where a database listens and how to log in.
	 *
	 * @param scheme the JDBC URL scheme, {@code postgresql} or {@code mariadb}
	 * @param host its host
	 * @param port its port
	 * @param database the database name
	 * @param username the login user
	 * @param password the login password
	 */
	public record Database(String scheme, String host, int port, String database, String username, String password) {

		public String jdbcUrl() {
			return jdbcUrl(this.host, this.port);
		}

		/**
		 * Return a JDBC URL to the same database through another address, such as a
		 * {@link FaultProxy}.
		 * @param host the host to connect to
		 * @param port the port to connect to
		 * @return the URL
		 */
		public String jdbcUrl(String host, int port) {
			return "jdbc:" + this.scheme + "://" + host + ":" + port + "/" + this.database;
		}

		/**
		 * Drop schemas that a test created, with everything in them.
		 * @param schemas the schemas, each dropped if it exists
		 * @throws SQLException when the database cannot be reached
		 */
		public void dropSchemas(String... schemas) throws SQLException {
			try (Connection connection = DriverManager.getConnection(jdbcUrl(), this.username, this.password);
					Statement statement = connection.createStatement()) {
				for (String schema : schemas) {
					statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
				}
			}
		}

	}

	/**
	 * Where a Redis server or a RabbitMQ broker listens, and how to log in.
	 *
	 * @param scheme the scheme of its URLs, {@code redis} or {@code amqp}
	 * @param host its host
	 * @param port its port
	 * @param username the login user, empty for none
	 * @param password the login password, empty for none
	 */
	public record Server(String scheme, String host, int port, String username, String password) {

		/**
		 * Return the URL that logs in to the server as its user.
		 * @return such as {@code amqp://guest:guest@127.0.0.1:5672}
		 */
		public String url() {
			return url(this.password);
		}

		/**
		 * Return a URL to the server with another password for its user.
		 * @param password the password
		 * @return the URL
		 */
		public String url(String password) {
			return url(this.host, this.port, password);
		}

		/**
		 * Return a URL to the server through another address, such as a
		 * {@link FaultProxy} or a closed port, with a password for its user.
		 * @param host the host to connect to
		 * @param port the port to connect to
		 * @param password the password, empty for none
		 * @return the URL, without user info when there is neither user nor password
		 */
		public String url(String host, int port, String password) {
			String userInfo = (this.username.isEmpty() && password.isEmpty()) ? ""
					: this.username + ":" + password + "@";
			return this.scheme + "://" + userInfo + host + ":" + port;
		}

		/**
		 * Return the properties that point Spring Boot's client for this server (Redis or
		 * RabbitMQ) at another address, such as a {@link FaultProxy}, logging in as the
		 * server's user.
		 * @param host the host to connect to
		 * @param port the port to connect to
		 * @return properties such as {@code spring.data.redis.port=...}
		 */
		public List<String> springBootProperties(String host, int port) {
			return switch (this.scheme) {
				case "redis" -> this.password.isEmpty()
						? List.of("spring.data.redis.host=" + host, "spring.data.redis.port=" + port)
						: List.of("spring.data.redis.host=" + host, "spring.data.redis.port=" + port,
								"spring.data.redis.password=" + this.password);
				case "amqp" -> List.of("spring.rabbitmq.host=" + host, "spring.rabbitmq.port=" + port,
						"spring.rabbitmq.username=" + this.username, "spring.rabbitmq.password=" + this.password);
				default -> throw new IllegalStateException("No Spring Boot client for " + this.scheme);
			};
		}

	}

}
