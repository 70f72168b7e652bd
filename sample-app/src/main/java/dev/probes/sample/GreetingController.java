package dev.probes.sample;

import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sample's business endpoint, backed by the database that {@code /readyz} watches.
 */
@RestController
class GreetingController {

	private final JdbcClient jdbc;

	GreetingController(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A trivial endpoint: the baseline that a probe's cost is compared with. */
	@GetMapping("/ping")
	String ping() {
		return "pong";
	}

	@GetMapping("/hello")
	Map<String, Object> hello() {
		Integer answer = this.jdbc.sql("SELECT 42").query(Integer.class).single();
		return Map.of("greeting", "hello", "answer", answer);
	}

}
