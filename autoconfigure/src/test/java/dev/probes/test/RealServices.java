package dev.probes.test;

import java.util.Locale;
import java.util.function.Supplier;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.mariadb.MariaDBContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The real services that integration tests run against: containers started by
 * Testcontainers where a Docker engine is available, the machine's own services on loopback
 * otherwise (CI here has no Docker engine but runs PostgreSQL and MariaDB locally). The same
 * tests run either way; none is skipped.
 *
 * <p>
 * {@code -Dprobes.test.services=local} or {@code =testcontainers} forces one source.
 */
public final class RealServices {

	private static final String SOURCE_PROPERTY = "probes.test.services";

	private static Database postgres;

	private static Database mariadb;

	private static Database passwordPostgres;

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
	 * Return a PostgreSQL database that checks passwords, which the machine's shared server
	 * (trust authentication) does not: a container, or a private server of its own on
	 * another port ({@link PrivatePostgres}), stopped when the JVM exits.
	 * @return the database
	 */
	public static synchronized Database passwordPostgres() {
		if (passwordPostgres == null) {
			passwordPostgres = start(() -> new PostgreSQLContainer("postgres:16-alpine"), PrivatePostgres::start);
		}
		return passwordPostgres;
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
	public record Database(String scheme, String host, int port, String database, String username,
			String password) {

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

	}

}
