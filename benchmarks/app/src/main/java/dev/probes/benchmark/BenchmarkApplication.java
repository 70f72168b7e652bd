package dev.probes.benchmark;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application that {@code benchmarks/probe-scaling.sh} loads. Its dependencies come
 * from the command line: declared under {@code probes.dependencies} when Probes serves
 * the probes, or registered as plain Actuator health indicators by
 * {@link TcpHealthIndicators} for the baseline.
 */
@SpringBootApplication
public class BenchmarkApplication {

	public static void main(String[] args) {
		SpringApplication.run(BenchmarkApplication.class, args);
	}

}
