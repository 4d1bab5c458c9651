package dev.trailhive.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.PrintStream;

/**
 * The command line: {@code java -cp ... dev.trailhive.engine.Main request.json report.json}, or
 * {@code Main --serve descriptor.json KEY IDLE_SECONDS} for a kept engine ({@link Server}). Hive and
 * its libraries print to stdout, so stdout is pointed at stderr before Hive loads; the report goes to
 * the file only. Exit 0 when the report was written, 2 for an unreadable request, 1 for a crash.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    PrintStream realOut = System.out;
    System.setOut(System.err);
    if (args.length == 4 && args[0].equals("--serve")) {
      Server.serve(new File(args[1]), args[2], Long.parseLong(args[3]) * 1000);
      System.exit(0);
    }
    if (args.length != 2) {
      System.err.println("usage: Main request.json report.json | Main --serve descriptor.json KEY IDLE_SECONDS");
      System.exit(2);
    }
    JsonNode request;
    try {
      request = Json.read(new File(args[0]));
    } catch (Exception e) {
      System.err.println("trailhive-engine: cannot read request " + args[0] + ": " + e);
      System.exit(2);
      return;
    }
    ObjectNode report = JsonNodeFactory.instance.objectNode();
    int code = 0;
    try {
      Engine.run(request, report);
    } catch (Throwable e) {
      report.put("crash", e.toString());
      e.printStackTrace();
      code = 1;
    }
    Metrics.put(report.putObject("metrics"));
    Json.write(new File(args[1]), report);
    realOut.flush();
    System.exit(code);
  }
}
