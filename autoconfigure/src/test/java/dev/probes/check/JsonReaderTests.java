package dev.probes.check;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link JsonReader} reads what Jackson reads, to the same values, and rejects what is
 * not JSON with its offset.
 */
class JsonReaderTests {

	private static final JsonMapper JACKSON = JsonMapper.builder().build();

	@ParameterizedTest
	@ValueSource(strings = { "{}", "[]", "\"\"", "0", "-0", "1", "-12", "3.25", "1e3", "2E-2", "-1.5e+10", "true",
			"false", "null", " \t\r\n{ \"a\" : [ 1 , 2 ] } \n", "{\"a\":{\"b\":{\"c\":[[],[{}]]}}}",
			"\"quote \\\" backslash \\\\ slash \\/ controls \\b\\f\\n\\r\\t\"", "\"\\u00e9t\\u00E9 \\ud83d\\ude00\"",
			"\"été 😀 日本\"", "{\"same\":1,\"same\":2}", "[\"{\\\"not\\\":\\\"an object\\\"}\", \"]\", \"}\"]",
			"{\"kind\":\"EndpointSliceList\",\"items\":[{\"endpoints\":[{\"conditions\":{\"ready\":true}}]}]}",
			"12345678901234567890123", "0.000000000000000000001" })
	void readsWhatJacksonReads(String json) throws Exception {
		assertThat(normalized(JsonReader.read(json))).isEqualTo(normalized(JACKSON.readValue(json, Object.class)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "{", "}", "[1,]", "[,1]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "{'a':1}", "[1 2]",
			"01", "-", "1.", ".5", "1e", "1e+", "+1", "NaN", "Infinity", "tru", "nul", "\"unterminated",
			"\"bad \\x escape\"", "\"\\u12\"", "\"\\u12g4\"", "\"tab\tinside\"", "{} {}", "[] x", "// comment\n{}",
			"{\"a\":1}}" })
	void rejectsWhatIsNotJson(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> JsonReader.read(text))
			.withMessageStartingWith("not JSON: ");
	}

	@Test
	void rejectionNamesTheOffset() {
		assertThatIllegalArgumentException().isThrownBy(() -> JsonReader.read("{\"items\": [1, 2,, 3]}"))
			.withMessage("not JSON: unexpected character ',' at offset 16");
	}

	@Test
	void deepNestingIsRejectedRatherThanOverflowingTheStack() {
		String deep = "[".repeat(100_000) + "]".repeat(100_000);
		assertThatIllegalArgumentException().isThrownBy(() -> JsonReader.read(deep))
			.withMessageContaining("nested deeper than 128 levels");
	}

	@Test
	void readsObjectsInOrderAndNumbersExactly() {
		Object value = JsonReader.read("{\"b\": 0.1, \"a\": [10, null, false]}");
		assertThat(value).isInstanceOf(Map.class);
		Map<?, ?> object = (Map<?, ?>) value;
		assertThat(List.copyOf(object.keySet())).isEqualTo(List.of("b", "a"));
		assertThat(object.get("b")).isEqualTo(new BigDecimal("0.1"));
		assertThat(object.get("a")).isEqualTo(Arrays.asList(new BigDecimal("10"), null, false));
	}

	/** Numbers as exact decimals, whichever Java type the reader chose. */
	private static Object normalized(Object value) {
		if (value instanceof Map<?, ?> object) {
			Map<Object, Object> normalized = new LinkedHashMap<>();
			object.forEach((key, member) -> normalized.put(key, normalized(member)));
			return normalized;
		}
		if (value instanceof List<?> list) {
			return list.stream().map(JsonReaderTests::normalized).toList();
		}
		if (value instanceof Number number) {
			return new BigDecimal(number.toString()).stripTrailingZeros();
		}
		return value;
	}

}
