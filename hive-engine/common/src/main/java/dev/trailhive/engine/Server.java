package dev.trailhive.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.hive.ql.exec.mr.HadoopJobExecHelper;

/**
 * A kept engine: one JVM that answers the requests of one work folder until it has been idle for a
 * while, so the next query pays neither the JVM's start, nor Hive's session start, nor class loading
 * and JIT warm-up again (a warm query went from seconds of fixed cost to well under one).
 *
 * <p>Loopback TCP, one request per connection, handled one at a time (the work folder's Derby
 * metastore takes one session): the client sends one line {"token", "request"} and reads one line,
 * the report {@link Main} would have written, after a newline sent as soon as the request is taken.
 * {"token", "stop": true} ends the server. A client that goes away mid-request has its query's jobs
 * killed. The descriptor
 * {pid, port, token, key} is written owner-only and atomically once the port is open, and removed on
 * the way out; the random token keeps other local users from driving the engine.
 */
final class Server {
  /** How long a client may take to send its request line once connected. */
  private static final int REQUEST_READ_TIMEOUT_MS = 30_000;

  private Server() {}

  static void serve(File descriptor, String key, long idleMs) throws Exception {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    String token = HexFormat.of().formatHex(secret);
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      server.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, idleMs)));
      writeDescriptor(descriptor, server.getLocalPort(), token, key);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> removeDescriptor(descriptor, token)));
      int served = 0;
      while (true) {
        Socket socket;
        try {
          socket = server.accept();
        } catch (SocketTimeoutException idle) {
          System.err.println("trailhive-engine: idle for " + idleMs / 1000 + " s, stopping");
          return;
        }
        try (Socket s = socket) {
          s.setSoTimeout(REQUEST_READ_TIMEOUT_MS);
          BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
          String line = in.readLine();
          JsonNode message = line == null ? null : Json.MAPPER.readTree(line);
          ObjectNode reply = JsonNodeFactory.instance.objectNode();
          if (message == null || !sameToken(token, message.path("token").asText(""))) {
            reply.put("refused", "wrong token");
            send(s.getOutputStream(), reply);
            continue;
          }
          if (message.path("stop").asBoolean(false)) {
            reply.put("stopped", true);
            send(s.getOutputStream(), reply);
            return;
          }
          s.setSoTimeout(0);
          // A newline first says the request was taken: a client whose connection breaks before it
          // knows the request never ran and may send it again; after it, that the engine died on it.
          s.getOutputStream().write('\n');
          s.getOutputStream().flush();
          served++;
          Metrics.startRequest();
          AtomicBoolean answered = new AtomicBoolean(false);
          watchClient(s, answered);
          try {
            Engine.run(message.path("request"), reply);
          } catch (Throwable e) {
            reply.put("crash", e.toString());
            e.printStackTrace();
          } finally {
            answered.set(true);
          }
          reply.put("served", served);
          Metrics.put(reply.putObject("metrics"));
          send(s.getOutputStream(), reply);
        } catch (IOException e) {
          // the client went away (Ctrl-C) or sent garbage: the next one is still welcome
          System.err.println("trailhive-engine: request failed: " + e);
        }
        // Give the heap back between requests: an idle engine should hold as little as it can.
        System.gc();
      }
    } finally {
      removeDescriptor(descriptor, token);
    }
  }

  /**
   * The client sends nothing after its request line and keeps its end open, so the end of its stream
   * means it went away (Ctrl-C): its query's MapReduce jobs are killed, as hive-cli does on Ctrl-C,
   * instead of running on unseen while the next command waits behind them.
   */
  private static void watchClient(Socket s, AtomicBoolean answered) {
    Thread watcher = new Thread(() -> {
      try {
        while (s.getInputStream().read() >= 0) {
          // nothing more is expected; read until the end
        }
      } catch (IOException closed) {
        // the same: the client is gone
      }
      if (!answered.get()) {
        System.err.println("trailhive-engine: the client went away; killing its running jobs");
        HadoopJobExecHelper.killRunningJobs();
      }
    }, "trailhive-client-watch");
    watcher.setDaemon(true);
    watcher.start();
  }

  private static void send(OutputStream out, ObjectNode reply) throws IOException {
    out.write(Json.MAPPER.writeValueAsBytes(reply));
    out.write('\n');
    out.flush();
  }

  private static boolean sameToken(String expected, String given) {
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }

  private static void writeDescriptor(File descriptor, int port, String token, String key) throws IOException {
    ObjectNode d = JsonNodeFactory.instance.objectNode();
    d.put("pid", ProcessHandle.current().pid());
    d.put("port", port);
    d.put("token", token);
    d.put("key", key);
    Path target = descriptor.toPath();
    Path tmp = target.resolveSibling(target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    Files.deleteIfExists(tmp);
    try {
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(tmp);
    }
    Files.write(tmp, Json.MAPPER.writeValueAsBytes(d));
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Removes the descriptor only while it is still ours (a newer engine may have replaced it). */
  private static void removeDescriptor(File descriptor, String token) {
    try {
      JsonNode d = Json.read(descriptor);
      if (token.equals(d.path("token").asText())) Files.deleteIfExists(descriptor.toPath());
    } catch (Exception e) {
      // already gone
    }
  }
}
