package dev.trailhive.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.conf.Configuration;

/**
 * Hive 4.1.0: the data check on serde2.JsonSerDe 4.1.0 and hcatalog JsonSerDe 4.0.1, and, when the
 * request has "session", an embedded Hive session that runs statements in order.
 */
final class Engine {
  private Engine() {}

  static void run(JsonNode request, ObjectNode report) throws Exception {
    report.put("engine", "hive-4.1.0");
    if (request.has("session")) {
      Session.run(request.get("session"), report);
      return;
    }
    Configuration conf = new Configuration(false);
    ArrayNode data = report.putArray("data");
    int maxSamples = request.path("maxSamples").asInt(20);
    for (JsonNode ds : request.path("data")) data.add(DataCheck.run(ds, conf, maxSamples));
  }
}
