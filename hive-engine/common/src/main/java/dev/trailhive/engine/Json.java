package dev.trailhive.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/** Jackson (already on Hive's classpath) with numbers kept exact, and semantic JSON equality. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

  private Json() {}

  static JsonNode read(File file) throws IOException {
    return MAPPER.readTree(file);
  }

  static void write(File file, Object value) throws IOException {
    MAPPER.writerWithDefaultPrettyPrinter().writeValue(file, value);
  }

  static String text(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Equal as JSON: numbers numerically, object keys in any order, arrays in order. */
  static boolean same(JsonNode a, JsonNode b) {
    if (a == null || a.isNull() || a.isMissingNode()) return b == null || b.isNull() || b.isMissingNode();
    if (b == null || b.isNull() || b.isMissingNode()) return false;
    if (a.isNumber() && b.isNumber()) return a.decimalValue().compareTo(b.decimalValue()) == 0;
    if (a.isObject() && b.isObject()) {
      if (a.size() != b.size()) return false;
      Iterator<Map.Entry<String, JsonNode>> it = a.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!b.has(e.getKey()) || !same(e.getValue(), b.get(e.getKey()))) return false;
      }
      return true;
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) return false;
      for (int i = 0; i < a.size(); i++) if (!same(a.get(i), b.get(i))) return false;
      return true;
    }
    if (a.isTextual() && b.isTextual()) return a.textValue().equals(b.textValue());
    if (a.isBoolean() && b.isBoolean()) return a.booleanValue() == b.booleanValue();
    return false;
  }

  static BigDecimal decimal(JsonNode n) {
    return n.decimalValue();
  }
}
