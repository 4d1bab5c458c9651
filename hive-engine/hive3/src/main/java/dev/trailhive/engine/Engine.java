package dev.trailhive.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.lang.StringUtils;
import org.apache.hadoop.hive.cli.CliDriver;
import org.apache.hadoop.hive.conf.HiveConf;
import org.apache.hadoop.hive.ql.Context;
import org.apache.hadoop.hive.ql.parse.ASTNode;
import org.apache.hadoop.hive.ql.parse.ParseUtils;
import org.apache.hadoop.hive.serde2.typeinfo.TypeInfoUtils;

/**
 * Hive 3.1.3 (what EMR 6 and 7 run), no session: scripts cut as `hive -f` cuts them and parsed,
 * type strings parsed and printed back, and the data check on 3.1.3's SerDes (the compat table).
 */
final class Engine {
  private Engine() {}

  static void run(JsonNode request, ObjectNode report) throws Exception {
    report.put("engine", "hive-3.1.3");
    HiveConf conf = new HiveConf();
    ArrayNode scripts = report.putArray("scripts");
    for (JsonNode s : request.path("scripts")) {
      ObjectNode out = scripts.addObject();
      out.put("name", s.path("name").asText());
      ArrayNode stmts = out.putArray("statements");
      for (String cmd : split(s.path("text").asText())) {
        ObjectNode st = stmts.addObject();
        st.put("sql", cmd);
        try {
          // As Hive's Driver parses, minus the Context: a Context needs a session, which Hive 3.1.3 cannot
          // start on Java 17 (HIVE-21584); the Context only keeps the token stream for rewrites.
          ASTNode root = ParseUtils.parse(cmd, (Context) null);
          st.put("ok", true);
          st.put("root", root.getText());
          ArrayNode kids = st.putArray("children");
          for (int i = 0; i < root.getChildCount(); i++) kids.add(((ASTNode) root.getChild(i)).getText());
        } catch (Throwable e) {
          st.put("ok", false);
          st.put("error", firstLine(e));
        }
      }
    }
    ArrayNode types = report.putArray("types");
    for (JsonNode t : request.path("types")) {
      ObjectNode out = types.addObject();
      out.put("name", t.path("name").asText());
      out.put("type", t.path("type").asText());
      try {
        out.put("printed", TypeInfoUtils.getTypeInfoFromTypeString(t.path("type").asText()).getTypeName());
        out.put("ok", true);
      } catch (Throwable e) {
        out.put("ok", false);
        out.put("error", firstLine(e));
      }
    }
    ArrayNode data = report.putArray("data");
    int maxSamples = request.path("maxSamples").asInt(20);
    for (JsonNode ds : request.path("data")) data.add(DataCheck.run(ds, conf, maxSamples));
  }

  /**
   * The statements `hive -f` runs, cut exactly as hive-cli 3.1.3 does: CliDriver.processReader drops
   * lines that start with "--" (column 0 only), processLine cuts with CliDriver.splitSemiColon, joins a
   * piece ending in a backslash with the next, and skips blank pieces.
   */
  static List<String> split(String script) {
    StringBuilder qsb = new StringBuilder();
    try (BufferedReader r = new BufferedReader(new StringReader(script))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.startsWith("--")) qsb.append(line).append("\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> out = new ArrayList<>();
    String command = "";
    for (String oneCmd : CliDriver.splitSemiColon(qsb.toString())) {
      if (StringUtils.endsWith(oneCmd, "\\")) {
        command += StringUtils.chop(oneCmd) + ";";
        continue;
      }
      command += oneCmd;
      if (StringUtils.isBlank(command)) continue;
      out.add(command);
      command = "";
    }
    return out;
  }

  private static String firstLine(Throwable e) {
    String m = e.getMessage() == null ? e.toString() : e.getClass().getSimpleName() + ": " + e.getMessage();
    return m.trim();
  }
}
