package dev.trailhive.engine;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Why a local MapReduce job failed. Hive reports only "return code 2 from MapRedTask"; the task's
 * exception is logged by Hadoop's LocalJobRunner, at WARN. This keeps the innermost cause of the last
 * one, so a failed statement can name it ("java.io.FileNotFoundException: File ... does not exist"),
 * and lets the WARN line through to the engine's log as well.
 */
final class JobFailures {
  private static final String LOGGER = "org.apache.hadoop.mapred.LocalJobRunner";
  private static final String APPENDER = "trailhive-job-failures";
  private static final AtomicReference<String> LAST = new AtomicReference<>();

  private JobFailures() {}

  /** Starts listening (again, should Hive have reconfigured log4j) and forgets an earlier failure. */
  static void listen() {
    LAST.set(null);
    if (!(LogManager.getContext(false) instanceof LoggerContext)) return;
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    Configuration config = ctx.getConfiguration();
    if (config.getLoggers().containsKey(LOGGER) && config.getAppender(APPENDER) != null) return;
    AbstractAppender appender = new AbstractAppender(APPENDER, null, null, true, Property.EMPTY_ARRAY) {
      @Override
      public void append(LogEvent event) {
        if (event.getThrown() != null) LAST.set(innermost(event.getThrown()));
      }
    };
    appender.start();
    config.addAppender(appender);
    LoggerConfig logger = new LoggerConfig(LOGGER, Level.WARN, true);
    logger.addAppender(appender, Level.WARN, null);
    config.addLogger(LOGGER, logger);
    ctx.updateLoggers();
  }

  /** The cause of the last failed job since {@link #listen}, or null. */
  static String cause() {
    return LAST.get();
  }

  static String innermost(Throwable t) {
    Throwable at = t;
    while (at.getCause() != null && at.getCause() != at) at = at.getCause();
    String line = at.toString();
    int nl = line.indexOf('\n');
    return nl < 0 ? line : line.substring(0, nl);
  }
}
