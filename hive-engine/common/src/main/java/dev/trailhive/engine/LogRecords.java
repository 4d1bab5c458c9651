package dev.trailhive.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The records of one CloudTrail file, in the containers the Node reader accepts: {"Records":[...]},
 * a JSON array of events, JSON lines, or one bare event object. Gzip is detected by its magic bytes.
 */
final class LogRecords {
  private LogRecords() {}

  static List<JsonNode> read(File file) throws IOException {
    byte[] bytes = Files.readAllBytes(file.toPath());
    InputStream in = new ByteArrayInputStream(bytes);
    if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) in = new GZIPInputStream(in);
    List<JsonNode> values = new ArrayList<>();
    try (MappingIterator<JsonNode> it = Json.MAPPER.readerFor(JsonNode.class).readValues(in)) {
      while (it.hasNext()) values.add(it.next());
    }
    List<JsonNode> records = new ArrayList<>();
    if (values.size() == 1) {
      JsonNode v = values.get(0);
      if (v.isObject() && v.has("Records") && v.get("Records").isArray()) v.get("Records").forEach(records::add);
      else if (v.isArray()) v.forEach(records::add);
      else records.add(v);
    } else {
      records.addAll(values);
    }
    return records;
  }
}
