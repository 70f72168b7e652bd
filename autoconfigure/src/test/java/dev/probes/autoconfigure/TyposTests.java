package dev.probes.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TyposTests {

	private static final List<String> TYPES = List.of("dns", "health", "http", "jdbc", "tcp");

	@Test
	void closestWhenLettersSwappedOrOneTooManyFindsTheWord() {
		assertThat(Typos.closest("htpp", TYPES)).isEqualTo("http");
		assertThat(Typos.closest("jbdc", TYPES)).isEqualTo("jdbc");
		assertThat(Typos.closest("https", TYPES)).isEqualTo("http");
		assertThat(Typos.closest("helth", TYPES)).isEqualTo("health");
	}

	@Test
	void closestWhenNoWordIsATypoAwayFindsNone() {
		assertThat(Typos.closest("memcache", TYPES)).isNull();
		assertThat(Typos.closest("redis", TYPES)).isNull();
		assertThat(Typos.closest("udp", TYPES)).isNull();
	}

}
