package dev.probes.startup;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.probes.engine.DependencyStatus;
import dev.probes.engine.StateListener;

/**
 * A web application with Flyway migrations that waits for its database, as a user would
 * write it; also run as its own process to see how it exits.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class WaitingApplication {

	/** When the first check found the database up (System.nanoTime), 0 before. */
	static final AtomicLong databaseFirstUp = new AtomicLong();

	/** When ApplicationReadyEvent was published (System.nanoTime), 0 before. */
	static final AtomicLong ready = new AtomicLong();

	/**
	 * When a bean using JdbcTemplate queried the database at creation (System.nanoTime).
	 */
	static final AtomicLong jdbcTemplateUsed = new AtomicLong();

	/** When the CommandLineRunner ran (System.nanoTime). */
	static final AtomicLong runnerRan = new AtomicLong();

	/**
	 * Queries the database as soon as it is created, as many applications' beans do: held
	 * by the wait because it needs a JdbcTemplate.
	 */
	@Bean
	Object eagerDatabaseUser(JdbcTemplate jdbc) {
		jdbc.queryForObject("SELECT 1", Integer.class);
		jdbcTemplateUsed.compareAndSet(0, System.nanoTime());
		return new Object();
	}

	@Bean
	CommandLineRunner recordRunner() {
		return (args) -> runnerRan.compareAndSet(0, System.nanoTime());
	}

	@Bean
	StateListener firstUpRecorder() {
		return (dependency, previous, current) -> {
			if (current.status() == DependencyStatus.UP) {
				databaseFirstUp.compareAndSet(0, System.nanoTime());
			}
		};
	}

	@EventListener
	void onReady(ApplicationReadyEvent event) {
		ready.compareAndSet(0, System.nanoTime());
	}

	public static void main(String[] args) {
		SpringApplication.run(WaitingApplication.class, args);
	}

}
