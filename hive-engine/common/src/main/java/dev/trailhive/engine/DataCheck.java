package dev.trailhive.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.serde2.AbstractSerDe;
import org.apache.hadoop.hive.serde2.objectinspector.ListObjectInspector;
import org.apache.hadoop.hive.serde2.objectinspector.MapObjectInspector;
import org.apache.hadoop.hive.serde2.objectinspector.ObjectInspector;
import org.apache.hadoop.hive.serde2.objectinspector.PrimitiveObjectInspector;
import org.apache.hadoop.hive.serde2.objectinspector.StructField;
import org.apache.hadoop.hive.serde2.objectinspector.StructObjectInspector;
import org.apache.hadoop.io.Text;

/**
 * The data check: every record through the SerDe a flavor names, configured as its DDL configures it
 * (columns, types, SERDEPROPERTIES), fed as the flavor's input format feeds it (one record per line, or
 * one whole file per row), then every value read back through the ObjectInspectors is compared with
 * the JSON: keys case-insensitively, STRING over an object or array as JSON text equal to it, numbers
 * numerically, no exception, no NULL where the JSON had a value.
 *
 * One file per row means one line {"Records":[...]} per file, as CloudTrail delivers it; files in
 * other containers (a JSON array, JSON lines, one bare event) are fed as that line too.
 *
 * Request (one data set): {name, serde, serdeProperties, columns:[{name,type,jsonKey}], feed:
 * "record-per-line"|"file-per-row", files:[path]}. Report: counts, mismatches by path, samples.
 */
final class DataCheck {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private final int maxSamples;
  private long records;
  private long rows;
  private long values;
  private long mismatches;
  private long failedRows;
  private long caseDuplicateKeys;
  private final Map<String, Long> byPath = new TreeMap<>();
  private final Map<String, Long> undeclared = new TreeMap<>();
  private final ArrayNode samples = F.arrayNode();
  private String file;
  private long row;

  private DataCheck(int maxSamples) {
    this.maxSamples = maxSamples;
  }

  static ObjectNode run(JsonNode ds, Configuration conf, int maxSamples) {
    return new DataCheck(maxSamples).check(ds, conf);
  }

  private ObjectNode check(JsonNode ds, Configuration conf) {
    ObjectNode out = F.objectNode();
    out.put("name", ds.path("name").asText());
    out.put("serde", ds.path("serde").asText());
    List<String> names = new ArrayList<>();
    List<String> types = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (JsonNode c : ds.path("columns")) {
      names.add(c.path("name").asText());
      types.add(c.path("type").asText());
      keys.add(c.hasNonNull("jsonKey") ? c.get("jsonKey").asText() : c.path("name").asText());
    }
    AbstractSerDe serde;
    StructObjectInspector oi;
    try {
      serde = (AbstractSerDe) Class.forName(ds.path("serde").asText()).getDeclaredConstructor().newInstance();
      Properties p = new Properties();
      p.setProperty("columns", String.join(",", names));
      p.setProperty("columns.types", String.join(":", types));
      p.setProperty("serialization.lib", ds.path("serde").asText());
      Iterator<Map.Entry<String, JsonNode>> it = ds.path("serdeProperties").fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        p.setProperty(e.getKey(), e.getValue().asText());
      }
      serde.initialize(conf, p, new Properties());
      oi = (StructObjectInspector) serde.getObjectInspector();
    } catch (Throwable e) {
      out.put("setupError", e.toString());
      return out;
    }
    boolean perFile = "file-per-row".equals(ds.path("feed").asText());
    for (JsonNode f : ds.path("files")) {
      file = f.asText();
      List<JsonNode> recs;
      try {
        recs = LogRecords.read(new File(file));
      } catch (Exception e) {
        mismatch("", "unreadable file", null, e.toString());
        continue;
      }
      records += recs.size();
      if (perFile) {
        ObjectNode whole = F.objectNode();
        ArrayNode arr = whole.putArray("Records");
        recs.forEach(arr::add);
        row = 0;
        one(serde, oi, whole, names, keys);
      } else {
        for (int i = 0; i < recs.size(); i++) {
          row = i;
          one(serde, oi, recs.get(i), names, keys);
        }
      }
    }
    out.put("records", records);
    out.put("rows", rows);
    out.put("failedRows", failedRows);
    out.put("valuesCompared", values);
    out.put("mismatches", mismatches);
    out.put("caseDuplicateKeys", caseDuplicateKeys);
    ObjectNode bp = out.putObject("mismatchesByPath");
    byPath.forEach(bp::put);
    ObjectNode ud = out.putObject("undeclaredKeys");
    undeclared.forEach(ud::put);
    out.set("samples", samples);
    return out;
  }

  private void one(AbstractSerDe serde, StructObjectInspector oi, JsonNode json, List<String> names, List<String> keys) {
    rows++;
    // The input format hands the SerDe one line of text: the JSON re-serialised on one line.
    String line = Json.text(json);
    Object row;
    try {
      row = serde.deserialize(new Text(line));
    } catch (Throwable e) {
      failedRows++;
      mismatch("", "exception", null, String.valueOf(e));
      return;
    }
    List<? extends StructField> fields = oi.getAllStructFieldRefs();
    for (int i = 0; i < fields.size(); i++) {
      StructField sf = fields.get(i);
      JsonNode expected = lookup(json, keys.get(i), "");
      Object v;
      try {
        v = oi.getStructFieldData(row, sf);
      } catch (Throwable e) {
        mismatch(names.get(i), "exception", expected, String.valueOf(e));
        continue;
      }
      walk(names.get(i), sf.getFieldObjectInspector(), v, expected);
    }
  }

  /** The value of key in obj, matched case-insensitively; with several case variants, the last wins (as in Hive). */
  private JsonNode lookup(JsonNode obj, String key, String path) {
    if (obj == null || !obj.isObject()) return null;
    JsonNode found = null;
    int n = 0;
    Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equalsIgnoreCase(key)) {
        found = e.getValue();
        n++;
      }
    }
    if (n > 1) caseDuplicateKeys++;
    return found;
  }

  private static boolean absent(JsonNode n) {
    return n == null || n.isNull() || n.isMissingNode();
  }

  private void walk(String path, ObjectInspector oi, Object v, JsonNode expected) {
    Object data = v;
    if (absent(expected)) {
      if (data != null) mismatch(path, "value where the JSON has none", expected, describe(oi, data));
      return;
    }
    if (data == null) {
      values++;
      mismatch(path, "NULL where the JSON has a value", expected, null);
      return;
    }
    switch (oi.getCategory()) {
      case PRIMITIVE:
        values++;
        primitive(path, (PrimitiveObjectInspector) oi, data, expected);
        return;
      case STRUCT: {
        if (!expected.isObject()) {
          values++;
          mismatch(path, "struct over non-object", expected, describe(oi, data));
          return;
        }
        StructObjectInspector soi = (StructObjectInspector) oi;
        List<? extends StructField> fields = soi.getAllStructFieldRefs();
        Map<String, Boolean> declared = new LinkedHashMap<>();
        for (StructField f : fields) {
          declared.put(f.getFieldName().toLowerCase(), true);
          walk(path + "." + f.getFieldName(), f.getFieldObjectInspector(), soi.getStructFieldData(data, f), lookup(expected, f.getFieldName(), path));
        }
        Iterator<String> names = expected.fieldNames();
        while (names.hasNext()) {
          String k = names.next();
          if (!declared.containsKey(k.toLowerCase()) && !absent(expected.get(k))) undeclared.merge(path + "." + k, 1L, Long::sum);
        }
        return;
      }
      case LIST: {
        ListObjectInspector loi = (ListObjectInspector) oi;
        if (!expected.isArray()) {
          values++;
          mismatch(path, "array over non-array", expected, describe(oi, data));
          return;
        }
        int n = loi.getListLength(data);
        if (n != expected.size()) {
          values++;
          mismatch(path, "array length " + n + " for " + expected.size(), expected, describe(oi, data));
          return;
        }
        for (int i = 0; i < n; i++) walk(path + "[]", loi.getListElementObjectInspector(), loi.getListElement(data, i), expected.get(i));
        if (n == 0) values++;
        return;
      }
      case MAP: {
        MapObjectInspector moi = (MapObjectInspector) oi;
        if (!expected.isObject()) {
          values++;
          mismatch(path, "map over non-object", expected, describe(oi, data));
          return;
        }
        Map<?, ?> m = moi.getMap(data);
        Map<String, Object> byKey = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
          Object k = ((PrimitiveObjectInspector) moi.getMapKeyObjectInspector()).getPrimitiveJavaObject(e.getKey());
          byKey.put(String.valueOf(k), e.getValue());
        }
        int want = 0;
        Iterator<Map.Entry<String, JsonNode>> it = expected.fields();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> e = it.next();
          want++;
          if (!byKey.containsKey(e.getKey())) {
            values++;
            mismatch(path + "{}", "map key missing: " + e.getKey(), e.getValue(), null);
            continue;
          }
          walk(path + "{}", moi.getMapValueObjectInspector(), byKey.get(e.getKey()), e.getValue());
        }
        if (byKey.size() != want) mismatch(path, "map has " + byKey.size() + " keys for " + want, expected, describe(oi, data));
        if (want == 0) values++;
        return;
      }
      default:
        values++;
        mismatch(path, "unsupported category " + oi.getCategory(), expected, describe(oi, data));
    }
  }

  private void primitive(String path, PrimitiveObjectInspector oi, Object data, JsonNode expected) {
    Object j = oi.getPrimitiveJavaObject(data);
    String actual = j == null ? null : String.valueOf(j);
    switch (oi.getPrimitiveCategory()) {
      case STRING:
      case VARCHAR:
      case CHAR: {
        if (expected.isTextual()) {
          if (!expected.textValue().equals(actual)) mismatch(path, "string differs", expected, actual);
          return;
        }
        // An object, array, number or boolean read into STRING must come back as its JSON text.
        JsonNode back;
        try {
          back = Json.MAPPER.readTree(actual);
        } catch (Exception e) {
          back = null;
        }
        if (back == null || !Json.same(expected, back)) mismatch(path, "JSON text differs", expected, actual);
        return;
      }
      case BYTE:
      case SHORT:
      case INT:
      case LONG:
      case FLOAT:
      case DOUBLE:
      case DECIMAL: {
        if (!expected.isNumber()) {
          mismatch(path, "number over " + expected.getNodeType(), expected, actual);
          return;
        }
        BigDecimal want = expected.decimalValue();
        boolean ok;
        if (j instanceof Double || j instanceof Float) ok = want.doubleValue() == ((Number) j).doubleValue();
        else ok = actual != null && new BigDecimal(actual).compareTo(want) == 0;
        if (!ok) mismatch(path, "number differs", expected, actual);
        return;
      }
      case BOOLEAN:
        if (!expected.isBoolean() || expected.booleanValue() != (Boolean) j) mismatch(path, "boolean differs", expected, actual);
        return;
      default:
        // TIMESTAMP, DATE, BINARY...: compared as text.
        if (!expected.asText().equals(actual)) mismatch(path, oi.getPrimitiveCategory() + " differs", expected, actual);
    }
  }

  private static String describe(ObjectInspector oi, Object data) {
    try {
      return org.apache.hadoop.hive.serde2.SerDeUtils.getJSONString(data, oi);
    } catch (Throwable e) {
      return String.valueOf(data);
    }
  }

  private void mismatch(String path, String what, JsonNode expected, String actual) {
    mismatches++;
    String key = path.isEmpty() ? "(row)" : path;
    byPath.merge(key, 1L, Long::sum);
    if (samples.size() >= maxSamples) return;
    ObjectNode s = samples.addObject();
    s.put("file", file);
    s.put("row", row);
    s.put("path", key);
    s.put("what", what);
    String e = expected == null ? null : Json.text(expected);
    s.put("expected", e == null ? null : e.length() > 300 ? e.substring(0, 300) + "..." : e);
    s.put("actual", actual == null ? null : actual.length() > 300 ? actual.substring(0, 300) + "..." : actual);
  }
}
