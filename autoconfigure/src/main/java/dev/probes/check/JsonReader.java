package dev.probes.check;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Reads a JSON text (RFC 8259) into maps, lists, strings, numbers, booleans and
 * {@code null}s, strictly: anything that is not JSON is rejected with its offset.
 *
 * <p>
 * The checks need a handful of fields of the Kubernetes API's answers, and the starter's
 * class path has no JSON library to rely on: {@code spring-boot-starter-actuator} brings
 * none on Spring Boot 4.0 or 4.1 (Jackson comes with the web starters, which an
 * application on the probe port alone does not have), and Jackson 2 and 3 would each need
 * a code path of their own. A complete reader of the grammar is smaller than either and
 * cannot be fooled by a field name or a brace inside a string, as picking fields out of
 * the text could.
 */
final class JsonReader {

	/** Far deeper than any Kubernetes object; bounds the recursion on hostile input. */
	private static final int MAX_DEPTH = 128;

	private final String text;

	private int position;

	private int depth;

	private JsonReader(String text) {
		this.text = text;
	}

	/**
	 * Read a JSON text.
	 * @param text the text
	 * @return a {@code Map<String, Object>} (keys in their order, the last of a repeated
	 * key wins), {@code List<Object>}, {@code String}, {@code BigDecimal},
	 * {@code Boolean} or {@code null}
	 * @throws IllegalArgumentException when the text is not JSON
	 */
	static @Nullable Object read(String text) {
		JsonReader reader = new JsonReader(text);
		reader.skipWhitespace();
		Object value = reader.readValue();
		reader.skipWhitespace();
		if (reader.position != text.length()) {
			throw reader.error("unexpected text after the JSON value");
		}
		return value;
	}

	private @Nullable Object readValue() {
		if (this.position >= this.text.length()) {
			throw error("unexpected end of input");
		}
		char next = this.text.charAt(this.position);
		return switch (next) {
			case '{' -> readObject();
			case '[' -> readArray();
			case '"' -> readString();
			case 't' -> readLiteral("true", Boolean.TRUE);
			case 'f' -> readLiteral("false", Boolean.FALSE);
			case 'n' -> readLiteral("null", null);
			default -> {
				if (next == '-' || (next >= '0' && next <= '9')) {
					yield readNumber();
				}
				throw error("unexpected character '" + next + "'");
			}
		};
	}

	private Map<String, @Nullable Object> readObject() {
		enter();
		this.position++;
		Map<String, @Nullable Object> object = new LinkedHashMap<>();
		skipWhitespace();
		if (consume('}')) {
			return leave(Map.of());
		}
		do {
			skipWhitespace();
			if (this.position >= this.text.length() || this.text.charAt(this.position) != '"') {
				throw error("expected a member name");
			}
			String name = readString();
			skipWhitespace();
			expect(':');
			skipWhitespace();
			object.put(name, readValue());
			skipWhitespace();
		}
		while (consume(','));
		expect('}');
		return leave(Collections.unmodifiableMap(object));
	}

	private List<@Nullable Object> readArray() {
		enter();
		this.position++;
		List<@Nullable Object> array = new ArrayList<>();
		skipWhitespace();
		if (consume(']')) {
			return leave(List.of());
		}
		do {
			skipWhitespace();
			array.add(readValue());
			skipWhitespace();
		}
		while (consume(','));
		expect(']');
		return leave(Collections.unmodifiableList(array));
	}

	private String readString() {
		this.position++;
		StringBuilder string = new StringBuilder();
		while (true) {
			if (this.position >= this.text.length()) {
				throw error("unterminated string");
			}
			char next = this.text.charAt(this.position++);
			if (next == '"') {
				return string.toString();
			}
			if (next < 0x20) {
				throw error("control character in a string");
			}
			if (next != '\\') {
				string.append(next);
				continue;
			}
			if (this.position >= this.text.length()) {
				throw error("unterminated string");
			}
			char escaped = this.text.charAt(this.position++);
			switch (escaped) {
				case '"', '\\', '/' -> string.append(escaped);
				case 'b' -> string.append('\b');
				case 'f' -> string.append('\f');
				case 'n' -> string.append('\n');
				case 'r' -> string.append('\r');
				case 't' -> string.append('\t');
				// A surrogate pair comes as two escapes, each one UTF-16 unit: appended
				// as they come.
				case 'u' -> string.append(readHexUnit());
				default -> throw error("invalid escape '\\" + escaped + "'");
			}
		}
	}

	private char readHexUnit() {
		if (this.position + 4 > this.text.length()) {
			throw error("truncated \\u escape");
		}
		int unit = 0;
		for (int i = 0; i < 4; i++) {
			int digit = Character.digit(this.text.charAt(this.position++), 16);
			if (digit < 0) {
				throw error("invalid \\u escape");
			}
			unit = unit * 16 + digit;
		}
		return (char) unit;
	}

	private BigDecimal readNumber() {
		int start = this.position;
		consume('-');
		// A leading zero stands alone: what follows 01 is not part of the number.
		if (!consume('0') && !digits()) {
			throw error("invalid number");
		}
		if (consume('.') && !digits()) {
			throw error("invalid number");
		}
		if (consume('e') || consume('E')) {
			if (!consume('+')) {
				consume('-');
			}
			if (!digits()) {
				throw error("invalid number");
			}
		}
		return new BigDecimal(this.text.substring(start, this.position));
	}

	private boolean digits() {
		int start = this.position;
		while (this.position < this.text.length() && this.text.charAt(this.position) >= '0'
				&& this.text.charAt(this.position) <= '9') {
			this.position++;
		}
		return this.position > start;
	}

	private @Nullable Object readLiteral(String literal, @Nullable Object value) {
		if (!this.text.startsWith(literal, this.position)) {
			throw error("unexpected character '" + this.text.charAt(this.position) + "'");
		}
		this.position += literal.length();
		return value;
	}

	private void skipWhitespace() {
		while (this.position < this.text.length()) {
			char next = this.text.charAt(this.position);
			if (next != ' ' && next != '\t' && next != '\n' && next != '\r') {
				return;
			}
			this.position++;
		}
	}

	private boolean consume(char expected) {
		if (this.position < this.text.length() && this.text.charAt(this.position) == expected) {
			this.position++;
			return true;
		}
		return false;
	}

	private void expect(char expected) {
		if (!consume(expected)) {
			throw error(
					(this.position < this.text.length()) ? "expected '" + expected + "'" : "unexpected end of input");
		}
	}

	private void enter() {
		if (++this.depth > MAX_DEPTH) {
			throw error("nested deeper than " + MAX_DEPTH + " levels");
		}
	}

	private <T> T leave(T value) {
		this.depth--;
		return value;
	}

	private IllegalArgumentException error(String problem) {
		return new IllegalArgumentException("not JSON: " + problem + " at offset " + this.position);
	}

}
