package dev.probes.startup.initializers;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.probes.test.FaultProxy;
import dev.probes.test.RealServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Every way an application touches its database at start-up is held by the wait: with the
 * database refusing, the application neither fails nor gets past its initializer; once
 * the database answers, the initializer runs and the application starts. Without the
 * wait, each of these applications fails to start while the database refuses.
 */
class DatabaseInitializersWaitTests {

	private static final RealServices.Database postgres = RealServices.postgres();

	private static final Duration REFUSING = Duration.ofMillis(2500);

	private final String schema = "probes_init_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	private FaultProxy proxy;

	@BeforeEach
	void start() throws Exception {
		this.proxy = FaultProxy.to(postgres.port());
		execute("CREATE SCHEMA " + this.schema);
		InitializersApplication.databaseFirstUp.set(0);
		InitializersApplication.runnerQueried.set(0);
	}

	@AfterEach
	void stop() throws Exception {
		this.proxy.close();
		execute("DROP SCHEMA IF EXISTS " + this.schema + " CASCADE");
	}

	@Test
	void liquibaseChangelogWaitsForTheDatabase() throws Exception {
		runHeld("spring.liquibase.enabled=true", "spring.liquibase.change-log=classpath:db/initializers/changelog.sql",
				"spring.liquibase.default-schema=" + this.schema);
		assertThat(greetings()).containsExactly("hello from liquibase");
	}

	@Test
	void hibernateSchemaGenerationWaitsForTheDatabase() throws Exception {
		runHeld("spring.jpa.hibernate.ddl-auto=create");
		assertThat(tableExists("greeting")).isTrue();
	}

	@Test
	void hibernateSchemaValidationWaitsForTheDatabase() throws Exception {
		execute("CREATE TABLE " + this.schema + ".greeting (id BIGINT PRIMARY KEY, text VARCHAR(100))");
		runHeld("spring.jpa.hibernate.ddl-auto=validate");
		// What was held is a validation that reads the database: without the table, the
		// same application fails to start.
		execute("DROP TABLE " + this.schema + ".greeting");
		assertThatException().isThrownBy(() -> application("spring.jpa.hibernate.ddl-auto=validate").run().close())
			.withStackTraceContaining("missing table [greeting]");
	}

	@Test
	void sqlInitScriptsWaitForTheDatabase() throws Exception {
		runHeld("spring.sql.init.mode=always", "spring.sql.init.schema-locations=classpath:db/initializers/schema.sql",
				"spring.sql.init.data-locations=classpath:db/initializers/data.sql");
		assertThat(greetings()).containsExactly("hello from data.sql", "hello again");
	}

	@Test
	void commandLineRunnerRunsOnlyOnceTheDatabaseAnswers() throws Exception {
		runHeld();
		assertThat(InitializersApplication.runnerQueried.get())
			.isGreaterThan(InitializersApplication.databaseFirstUp.get());
	}

	/**
	 * Start the application while the database refuses, check that it neither fails nor
	 * completes, let the database answer, and check that it starts after the first check
	 * found the database up.
	 */
	private void runHeld(String... extra) throws Exception {
		this.proxy.refuse();
		SpringApplicationBuilder builder = application(extra);
		CompletableFuture<ConfigurableApplicationContext> application = CompletableFuture.supplyAsync(builder::run);
		try {
			Thread.sleep(REFUSING.toMillis());
			assertThat(application).as("held while the database refuses").isNotDone();
			long passed = System.nanoTime();
			this.proxy.pass();
			try (ConfigurableApplicationContext context = application.get(30, TimeUnit.SECONDS)) {
				long firstUp = InitializersApplication.databaseFirstUp.get();
				assertThat(firstUp).isGreaterThan(passed);
				assertThat(InitializersApplication.runnerQueried.get()).isGreaterThan(firstUp);
			}
		}
		finally {
			this.proxy.pass();
			application.cancel(true);
		}
	}

	/**
	 * Return the application, with its database behind the proxy and the start-up wait
	 * on.
	 */
	private SpringApplicationBuilder application(String... extra) {
		List<String> properties = new ArrayList<>(List.of("spring.main.banner-mode=off",
				"spring.datasource.url=" + postgres.jdbcUrl(this.proxy.host(), this.proxy.port()) + "?currentSchema="
						+ this.schema,
				"spring.datasource.username=" + postgres.username(),
				"spring.datasource.password=" + postgres.password(),
				// Without the wait, the pool's own retries would hold a script for 30 s:
				// a second
				// makes an initializer that is not held fail, as it does with a database
				// that stays down.
				"spring.datasource.hikari.connection-timeout=1000", "spring.flyway.enabled=false",
				"spring.liquibase.enabled=false", "spring.jpa.open-in-view=false",
				"probes.dependencies.postgres.type=jdbc", "probes.startup.wait=true", "probes.startup.timeout=60s"));
		properties.addAll(List.of(extra));
		return new SpringApplicationBuilder(InitializersApplication.class).web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new));
	}

	private List<String> greetings() throws SQLException {
		List<String> texts = new ArrayList<>();
		try (Connection connection = connect();
				Statement statement = connection.createStatement();
				ResultSet result = statement
					.executeQuery("SELECT text FROM " + this.schema + ".greeting ORDER BY id")) {
			while (result.next()) {
				texts.add(result.getString(1));
			}
		}
		return texts;
	}

	private boolean tableExists(String table) throws SQLException {
		try (Connection connection = connect();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT count(*) FROM information_schema.tables WHERE"
						+ " table_schema = '" + this.schema + "' AND table_name = '" + table + "'")) {
			result.next();
			return result.getInt(1) == 1;
		}
	}

	private void execute(String sql) throws SQLException {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static Connection connect() throws SQLException {
		return DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
	}

}
