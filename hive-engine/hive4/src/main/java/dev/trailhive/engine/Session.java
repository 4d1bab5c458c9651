package dev.trailhive.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.net.URI;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hive.conf.HiveConf;
import org.apache.hadoop.hive.metastore.api.FieldSchema;
import org.apache.hadoop.hive.metastore.api.Schema;
import org.apache.hadoop.hive.ql.DriverFactory;
import org.apache.hadoop.hive.ql.IDriver;
import org.apache.hadoop.hive.ql.processors.CommandProcessorException;
import org.apache.hadoop.hive.ql.processors.SetProcessor;
import org.apache.hadoop.hive.ql.session.SessionState;

/**
 * An embedded Hive 4.1.0 session: Derby metastore and warehouse inside the work folder, local
 * MapReduce. Runs statements in order and stops at the first failure, as `hive -f` does. Each result:
 * {ok, columns, rows} or {ok:false, errorLine, message} where errorLine is Hive's own "FAILED: ..." line.
 * Request: {workDir, statements:[...], settings:{...}, hivevars:{...}, maxRows, doneFile, commitFrom}.
 * With doneFile, the statements are work done once: skipped (report "done": true) when that file
 * exists, and the file is written, atomically, once every statement succeeded. Background work that
 * is asked to yield stops before its next statement (see {@link Background}), except that the
 * statements from index commitFrom on, once begun, run to the end.
 */
final class Session {
  private Session() {}

  /** The metastore's Derby database, named relative to derby.system.home (the work folder). */
  static final String METASTORE_DB = "metastore_db";

  static Map<String, String> settings(String work, String userDir) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("hive.metastore.uris", "");
    // Derby's URL has no escape for `;`, its attribute separator, so a work folder holding one could
    // not be named in it: the folder goes in derby.system.home and the URL names the database only.
    s.put("derby.system.home", work);
    s.put("javax.jdo.option.ConnectionURL", "jdbc:derby:" + METASTORE_DB + ";create=true");
    s.put("datanucleus.schema.autoCreateAll", "true");
    s.put("hive.metastore.schema.verification", "false");
    s.put("hive.metastore.warehouse.dir", work + "/warehouse");
    s.put("fs.defaultFS", "file:///");
    s.put("hive.execution.engine", "mr");
    s.put("mapreduce.framework.name", "local");
    s.put("hive.exec.submitviachild", "false");
    s.put("hive.support.concurrency", "false");
    s.put("hive.txn.manager", "org.apache.hadoop.hive.ql.lockmgr.DummyTxnManager");
    s.put("hive.query.results.cache.enabled", "false");
    s.put("hive.exec.scratchdir", WorkPaths.hadoopLocal(work, userDir, "tmp/scratch"));
    s.put("hive.exec.local.scratchdir", WorkPaths.hadoopAbsolute(work, userDir, "tmp/local"));
    s.put("hive.downloaded.resources.dir", WorkPaths.hadoopLocal(work, userDir, "tmp/resources"));
    s.put("hive.querylog.location", WorkPaths.hadoopLocal(work, userDir, "tmp/querylog"));
    s.put("hadoop.tmp.dir", WorkPaths.hadoopLocal(work, userDir, "tmp/hadoop"));
    s.put("hive.stats.autogather", "false");
    s.put("hive.stats.column.autogather", "false");
    // None are gathered, so none to fetch: asking the metastore for them costs each query a failing
    // Derby lookup (PART_COL_STATS) per table, ~0.1 s on a warm ORC query.
    s.put("hive.stats.fetch.column.stats", "false");
    // Local MapReduce allocates this sort buffer per task: the default 100 MB only inflates the footprint.
    s.put("mapreduce.task.io.sort.mb", "16");
    // Hive polls a running job's progress every second by default, so every local MapReduce job took at
    // least one; a local job finishes in tens of milliseconds. Measured in a kept engine on the
    // examples (GROUP BY + ORDER BY, two jobs): 2.9 s -> 1.1 to 1.5 s.
    s.put("hive.exec.counters.pull.interval", "50");
    s.put("list.sink.output.formatter", RowFormatter.class.getName());
    // file: through NIO for permissions instead of a forked `ls`/`chmod` per file (NioLocalFileSystem)
    s.put("fs.file.impl", NioLocalFileSystem.class.getName());
    return s;
  }

  static void run(JsonNode req, ObjectNode report) throws Exception {
    String work = new File(req.path("workDir").asText(".")).getAbsolutePath();
    Path doneFile = req.hasNonNull("doneFile") ? Paths.get(req.get("doneFile").asText()) : null;
    if (doneFile != null && Files.exists(doneFile)) {
      report.put("done", true);
      report.putArray("results");
      report.put("firstRowMs", -1);
      return;
    }
    new File(work, "tmp").mkdirs();
    System.setProperty("derby.stream.error.file", work + "/derby.log");
    Map<String, String> settings = settings(work, System.getProperty("user.dir"));
    Iterator<Map.Entry<String, JsonNode>> extra = req.path("settings").fields();
    while (extra.hasNext()) {
      Map.Entry<String, JsonNode> e = extra.next();
      settings.put(e.getKey(), e.getValue().asText());
    }
    // Also as system properties: HiveConf and Derby read some of them before any conf object exists.
    settings.forEach(System::setProperty);
    HiveConf conf = new HiveConf(SessionState.class);
    settings.forEach(conf::set);
    // Hadoop caches one FileSystem per scheme for the whole JVM, whatever conf asks later: make ours
    // the one cached before Hive or MapReduce opens file: with a conf that lacks fs.file.impl.
    FileSystem.get(URI.create("file:///"), conf);
    SessionState ss = new SessionState(conf);
    Iterator<Map.Entry<String, JsonNode>> vars = req.path("hivevars").fields();
    while (vars.hasNext()) {
      Map.Entry<String, JsonNode> e = vars.next();
      ss.getHiveVariables().put(e.getKey(), e.getValue().asText());
    }
    SessionState.start(ss);
    int maxRows = req.path("maxRows").asInt(Integer.MAX_VALUE);
    ArrayNode results = report.putArray("results");
    long firstRowMs = -1;
    IDriver driver = DriverFactory.newDriver(ss.getConf());
    report.put("sessionReadyMs", Metrics.sinceStartMs());
    boolean allOk = true;
    int commitFrom = req.path("commitFrom").asInt(-1);
    try {
      int index = 0;
      for (JsonNode st : req.path("statements")) {
        String sql = st.asText();
        ObjectNode r = results.addObject();
        boolean yieldNow = index == commitFrom ? !Background.enterCommit() : Background.shouldYield();
        index++;
        if (yieldNow) {
          fail(r, "FAILED: stopped to let a waiting request run (it is tried again later)");
          allOk = false;
          break;
        }
        long t0 = System.currentTimeMillis();
        JobFailures.listen();
        try {
          String body = withoutLeadingComments(sql);
          if (isSet(body)) {
            // SET is the CLI's command, not HiveQL: the Driver cannot run it, SetProcessor does.
            new SetProcessor().run(body.substring(3).trim());
            r.put("ok", true);
          } else {
            driver.run(sql);
            r.put("ok", true);
            Schema schema = driver.getSchema();
            // Statements without results (DDL) have no schema fields; hasResultSet() throws after DDL.
            if (schema != null && schema.getFieldSchemas() != null && !schema.getFieldSchemas().isEmpty()) {
              ArrayNode cols = r.putArray("columns");
              for (FieldSchema f : schema.getFieldSchemas()) cols.add(f.getName());
              ArrayNode rows = r.putArray("rows");
              List<Object> batch = new ArrayList<>();
              while (rows.size() < maxRows && driver.getResults(batch)) {
                for (Object row : batch) {
                  if (rows.size() >= maxRows) break;
                  if (firstRowMs < 0) firstRowMs = Metrics.sinceStartMs();
                  ArrayNode out = rows.addArray();
                  if (row instanceof List) for (Object v : (List<?>) row) out.add(v == null ? null : v.toString());
                  else out.add(String.valueOf(row));
                }
                batch.clear();
              }
            }
          }
        } catch (CommandProcessorException e) {
          fail(r, e.getMessage() == null ? e.toString() : e.getMessage());
        } catch (Exception e) {
          fail(r, "FAILED: " + e);
        } finally {
          r.put("ms", System.currentTimeMillis() - t0);
        }
        if (!r.path("ok").asBoolean()) {
          // "return code 2 from MapRedTask" says nothing of why: name the failed job's own exception
          String cause = JobFailures.cause();
          if (cause != null) r.put("errorLine", r.path("errorLine").asText() + " (cause: " + cause + ")");
          allOk = false;
          break;
        }
      }
    } finally {
      driver.close();
      driver.destroy();
    }
    report.put("firstRowMs", firstRowMs);
    try {
      ss.close();
    } catch (Exception e) {
      // closing the session only tidies scratch folders
    }
    if (allOk && doneFile != null) {
      Path tmp = doneFile.resolveSibling(doneFile.getFileName() + ".tmp");
      Files.write(tmp, new byte[0]);
      Files.move(tmp, doneFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      report.put("done", true);
    }
  }

  /** The statement without the `--` comment lines before it (library queries start with some). */
  static String withoutLeadingComments(String sql) {
    String[] lines = sql.split("\n", -1);
    int i = 0;
    while (i < lines.length && (lines[i].trim().startsWith("--") || lines[i].trim().isEmpty())) i++;
    return String.join("\n", java.util.Arrays.copyOfRange(lines, i, lines.length)).trim();
  }

  private static boolean isSet(String sql) {
    String t = sql.trim().toLowerCase();
    return t.equals("set") || t.startsWith("set ") || t.startsWith("set\t") || t.startsWith("set\n");
  }

  private static void fail(ObjectNode r, String message) {
    r.put("ok", false);
    String line = message.trim();
    for (String l : message.split("\n")) {
      if (l.startsWith("FAILED:")) {
        line = l.trim();
        break;
      }
    }
    if (line.contains("\n")) line = line.substring(0, line.indexOf('\n')).trim();
    r.put("errorLine", line);
    r.put("message", message.trim());
  }
}
