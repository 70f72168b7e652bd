package dev.probes.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.probes.test.FaultProxy;
import dev.probes.test.RealServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The metrics as Prometheus scrapes them from {@code /actuator/prometheus}, for a real
 * PostgreSQL behind a fault proxy: every series is there, the state gauge follows an
 * outage and its recovery, and nothing from the configuration but names leaks into a
 * series.
 */
class PrometheusMetricsTests {

	private static final RealServices.Database postgres = RealServices.postgres();

	private static final String SECRET = "s3cr3t-in-url";

	private static final String POSTGRES = "{critical=\"true\",dependency=\"postgres\",type=\"jdbc\"}";

	private FaultProxy proxy;

	private ConfigurableApplicationContext context;

	private int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeEach
	void start() throws IOException {
		start("management.metrics.enable.probes=true");
	}

	private void start(String extra) throws IOException {
		if (this.context != null) {
			this.context.close();
			this.proxy.close();
		}
		this.proxy = FaultProxy.to(postgres.port());
		this.context = new SpringApplicationBuilder(MetricsApplication.class).web(WebApplicationType.SERVLET)
			.properties(extra, "server.port=0", "server.shutdown=immediate",
					"management.endpoints.web.exposure.include=health,prometheus",
					"spring.datasource.url=" + postgres.jdbcUrl(this.proxy.host(), this.proxy.port()),
					"spring.datasource.username=" + postgres.username(),
					"spring.datasource.password=" + postgres.password(), "probes.dependencies.postgres.type=jdbc",
					"probes.dependencies.postgres.interval=300ms",
					"probes.dependencies.postgres.interval-when-down=300ms",
					"probes.dependencies.postgres.timeout=300ms", "probes.dependencies.payments.type=http",
					"probes.dependencies.payments.url=http://127.0.0.1:9/ready",
					"probes.dependencies.payments.headers.Authorization=Bearer " + SECRET,
					"probes.dependencies.payments.critical=false")
			.run();
		this.port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	@AfterEach
	void stop() {
		this.proxy.pass();
		this.context.close();
		this.proxy.close();
	}

	@Test
	void everySeriesIsScrapedAndTheStateGaugeFollowsAnOutage() {
		await().atMost(Duration.ofSeconds(10)).until(() -> value("probes_dependency_state" + POSTGRES) == 1.0);
		String scrape = scrape();
		assertThat(scrape).contains("# TYPE probes_dependency_state gauge",
				"probes_dependency_check_duration_seconds_count" + POSTGRES,
				"probes_dependency_check_duration_seconds_sum" + POSTGRES,
				"probes_dependency_checks_total{critical=\"true\",dependency=\"postgres\",outcome=\"up\",type=\"jdbc\"}",
				"probes_dependency_checks_total{critical=\"true\",dependency=\"postgres\",outcome=\"timeout\",type=\"jdbc\"} 0.0",
				"probes_dependency_transitions_total{critical=\"true\",dependency=\"postgres\",status=\"up\",type=\"jdbc\"} 1.0",
				"probes_dependency_state{critical=\"false\",dependency=\"payments\",type=\"http\"} 0.0");
		assertThat(value("probes_dependency_checks_total{critical=\"true\",dependency=\"postgres\",outcome=\"up\","
				+ "type=\"jdbc\"}"))
			.isGreaterThanOrEqualTo(1.0);

		this.proxy.blackHole();
		await().atMost(Duration.ofSeconds(5)).until(() -> value("probes_dependency_state" + POSTGRES) == 0.0);
		assertThat(value("probes_dependency_transitions_total{critical=\"true\",dependency=\"postgres\","
				+ "status=\"down\",type=\"jdbc\"}"))
			.isEqualTo(1.0);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> value("probes_dependency_checks_total{critical=\"true\",dependency=\"postgres\","
					+ "outcome=\"timeout\",type=\"jdbc\"}") >= 1.0);

		this.proxy.pass();
		await().atMost(Duration.ofSeconds(10)).until(() -> value("probes_dependency_state" + POSTGRES) == 1.0);
		assertThat(value("probes_dependency_transitions_total{critical=\"true\",dependency=\"postgres\","
				+ "status=\"up\",type=\"jdbc\"}"))
			.isEqualTo(2.0);
		assertThat(scrape()).doesNotContain(SECRET, "127.0.0.1", ":" + this.proxy.port(), "/ready");
	}

	@Test
	void metricsSwitchedOffWithSpringBootsMeterFilter() throws IOException {
		start("management.metrics.enable.probes=false");
		await().atMost(Duration.ofSeconds(10)).until(() -> scrape().contains("jvm_threads_live_threads"));
		assertThat(scrape()).doesNotContain("probes_dependency");
	}

	private String scrape() {
		try {
			HttpResponse<String> response = this.http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/prometheus"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			return response.body();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private double value(String series) {
		Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape());
		return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class MetricsApplication {

	}

}
