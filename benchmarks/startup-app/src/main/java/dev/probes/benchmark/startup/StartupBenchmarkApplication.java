package dev.probes.benchmark.startup;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The application that {@code benchmarks/startup-wait.sh} starts before its database
 * answers: with {@code probes.startup.wait} everything below waits for the database, and
 * the harness measures how soon after it answers {@code /readyz} says 200. The database
 * URL and the schema that Flyway migrates come from the command line.
 */
@SpringBootApplication
public class StartupBenchmarkApplication {

	private static final Log logger = LogFactory.getLog(StartupBenchmarkApplication.class);

	/**
	 * Queries the database as soon as it is created, as many applications' beans do. The
	 * query works with and without Flyway, so that one application serves both scenarios.
	 */
	@Bean
	SchemaSummary schemaSummary(JdbcTemplate jdbc) {
		Integer tables = jdbc.queryForObject(
				"SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()", Integer.class);
		logger.info("JdbcTemplate queried the database at bean creation: %d tables in the schema".formatted(tables));
		return new SchemaSummary((tables != null) ? tables : 0);
	}

	@Bean
	CommandLineRunner startupRunner(SchemaSummary summary) {
		return (args) -> logger.info("CommandLineRunner ran (%d tables)".formatted(summary.tables()));
	}

	public static void main(String[] args) {
		SpringApplication.run(StartupBenchmarkApplication.class, args);
	}

	/**
	 * What the eager query found.
	 *
	 * @param tables the number of tables in the current schema
	 */
	record SchemaSummary(int tables) {
	}

}
