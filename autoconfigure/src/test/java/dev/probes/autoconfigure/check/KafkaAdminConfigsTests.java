package dev.probes.autoconfigure.check;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How bootstrap servers are read: as Spring Boot gives them (a list) and as the Kafka
 * client also takes them (a comma-separated string), with IPv6 addresses and a listener's
 * {@code PROTOCOL://} in front (the reports on bad values are in
 * ConfigurationErrorsTests).
 */
class KafkaAdminConfigsTests {

	@Test
	void serversReadsListsAndCommaSeparatedStrings() {
		assertThat(KafkaAdminConfigs.servers(Map.of("bootstrap.servers", List.of("kafka-0:9092", " kafka-1:9092 "))))
			.containsExactly("kafka-0:9092", "kafka-1:9092");
		assertThat(KafkaAdminConfigs.servers(Map.of("bootstrap.servers", "kafka-0:9092, kafka-1:9092,")))
			.containsExactly("kafka-0:9092", "kafka-1:9092");
		assertThat(KafkaAdminConfigs.servers(Map.of())).isEmpty();
	}

	@Test
	void hostsReadsNamesAddressesAndListenerUrls() {
		assertThat(KafkaAdminConfigs.hosts(List.of("kafka:9092", "10.0.0.5:9093", "[::1]:9094",
				"SASL_SSL://kafka-0.kafka.svc:9095", "no-port", "kafka:70000")))
			.containsExactly("kafka", "10.0.0.5", "::1", "kafka-0.kafka.svc");
	}

}
