package dev.probes.benchmark;

import java.time.Duration;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application's own endpoints: a trivial one, the baseline a probe's cost is compared
 * with, and a slow one that keeps a request thread busy.
 */
@RestController
class BenchmarkController {

	@GetMapping("/hello")
	String hello() {
		return "hello";
	}

	/** Holds a request thread, as a slow query or a slow downstream call would. */
	@GetMapping("/slow")
	String slow(@RequestParam(defaultValue = "30") long seconds) throws InterruptedException {
		Thread.sleep(Duration.ofSeconds(seconds).toMillis());
		return "slow";
	}

}
