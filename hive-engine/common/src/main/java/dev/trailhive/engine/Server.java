package dev.trailhive.engine;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.hadoop.hive.ql.exec.mr.HadoopJobExecHelper;

/**
 * A kept engine: one JVM that answers the requests of one work folder until it has been idle for a
 * while, so the next query pays neither the JVM's start, nor Hive's session start, nor class loading
 * and JIT warm-up again (a warm query went from seconds of fixed cost to well under one).
 *
 * <p>Loopback TCP, one request per connection. The client sends the token alone on a first line (64
 * hex characters), then one line of JSON: {"request": ...}, {"stop": true} or {"ping": true}. Nothing
 * is parsed before the token matches, so a local process without it can only be refused: each
 * connection has a thread of its own, a total deadline for its first line (not a per-byte timeout, so
 * a client dripping bytes cannot hold it), a bounded request size and JSON depth, and any Throwable
 * (a StackOverflowError included) ends that connection only. Hive requests run one at a time (the
 * work folder's Derby metastore and Hive's session state are not safe concurrently); stop and ping
 * are answered at once, even while a query runs. A taken request gets a newline at once, then one
 * every few seconds while it waits or runs (so the client can tell a live engine from a hung one),
 * then the report {@link Main} would have written. {"request": ..., "background": true} is work the
 * client does not wait for: it closes the connection once the request is taken. A client that goes away mid-request has its
 * query's jobs killed. The descriptor {pid, port, token, key, started} is written owner-only and
 * atomically once the port is open, and removed on the way out; `started` is the process's start
 * time as the OS gives it, so a client can prove a pid is still this engine before signalling it.
 */
final class Server {
  /** How long a connection may take to send its whole token line. */
  private static final int TOKEN_DEADLINE_MS = Integer.getInteger("trailhive.engine.tokenDeadlineMs", 10_000);
  /** How long an authenticated client may take to send its whole request line. */
  private static final int REQUEST_DEADLINE_MS = 60_000;
  private static final int TOKEN_CHARS = 64;
  /** Requests carry statements (ADD PARTITION per partition): generous, but bounded. */
  private static final int MAX_REQUEST_BYTES = 64 << 20;
  /** A request nests a few levels; Jackson 2.12 has no depth limit of its own. */
  private static final int MAX_REQUEST_DEPTH = 32;
  /** Connections that have not yet sent the token: past this, the oldest of them is closed for each new one. */
  private static final int MAX_UNAUTHENTICATED = 128;
  private static final int HEARTBEAT_MS = 5_000;
  /** How often a request waiting for Hive checks whether background work holds it. */
  private static final int YIELD_POLL_MS = 50;

  private final String token;
  private final String key;
  private final long idleMs;
  private final ServerSocket server;
  /** Hive requests run one at a time. */
  private final ReentrantLock hive = new ReentrantLock(true);
  private final AtomicInteger served = new AtomicInteger();
  /** Connections still owing their token, oldest first. */
  private final ConcurrentLinkedDeque<Socket> unauthenticated = new ConcurrentLinkedDeque<>();
  private final AtomicInteger busy = new AtomicInteger();
  private final AtomicLong lastRequestEnd = new AtomicLong(System.nanoTime());
  private final CountDownLatch stop = new CountDownLatch(1);
  /** Set by a stop: a query cut short by the exit sends no reply, so its client learns it was stopped. */
  private volatile boolean stopping;

  private Server(ServerSocket server, String token, String key, long idleMs) {
    this.server = server;
    this.token = token;
    this.key = key;
    this.idleMs = idleMs;
  }

  static void serve(File descriptor, String key, long idleMs) throws Exception {
    byte[] secret = new byte[TOKEN_CHARS / 2];
    new SecureRandom().nextBytes(secret);
    String token = HexFormat.of().formatHex(secret);
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      writeDescriptor(descriptor, socket.getLocalPort(), token, key);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> removeDescriptor(descriptor, token)));
      new Server(socket, token, key, idleMs).run();
    } finally {
      removeDescriptor(descriptor, token);
    }
  }

  /** Accepts until stopped or idle; each connection is handled on a thread of its own. */
  private void run() throws IOException {
    Thread acceptor = new Thread(this::accept, "trailhive-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    try {
      while (!stop.await(Math.min(idleMs, 1_000), TimeUnit.MILLISECONDS)) {
        long idleFor = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastRequestEnd.get());
        if (busy.get() == 0 && idleFor >= idleMs) {
          System.err.println("trailhive-engine: idle for " + idleMs / 1000 + " s, stopping");
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      server.close();
    }
  }

  private void accept() {
    while (!server.isClosed()) {
      Socket s;
      try {
        s = server.accept();
      } catch (IOException closed) {
        return;
      }
      // Full: the oldest connection still owing its token makes room. Refusing the newcomer instead let
      // a local process holding 128 idle connections keep every real client out; a real client sends
      // its token at once, so only a flood faster than that can push it out.
      while (unauthenticated.size() >= MAX_UNAUTHENTICATED) {
        Socket oldest = unauthenticated.pollFirst();
        if (oldest == null) break;
        closeQuietly(oldest);
      }
      unauthenticated.addLast(s);
      Thread t = new Thread(() -> handle(s), "trailhive-connection");
      t.setDaemon(true);
      t.start();
    }
  }

  private void handle(Socket s) {
    try (s) {
      LineReader in = new LineReader(s);
      ObjectNode reply = JsonNodeFactory.instance.objectNode();
      byte[] given;
      try {
        given = in.readLine(TOKEN_CHARS, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TOKEN_DEADLINE_MS));
      } catch (LineReader.Refused e) {
        given = null;
        System.err.println("trailhive-engine: connection refused: " + e.getMessage());
      }
      unauthenticated.remove(s);
      if (given == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.US_ASCII), given)) {
        reply.put("refused", "wrong token");
        send(s.getOutputStream(), reply);
        return;
      }
      byte[] line;
      String problem;
      try {
        line = in.readLine(MAX_REQUEST_BYTES, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REQUEST_DEADLINE_MS));
        problem = line == null ? "no request line" : depthProblem(line);
      } catch (LineReader.Refused e) {
        line = null;
        problem = e.getMessage();
      }
      if (problem != null) {
        reply.put("refused", problem);
        send(s.getOutputStream(), reply);
        return;
      }
      JsonNode message = Json.MAPPER.readTree(line);
      if (message.path("stop").asBoolean(false)) {
        reply.put("stopped", true);
        reply.put("pid", ProcessHandle.current().pid());
        stopping = true;
        send(s.getOutputStream(), reply);
        stop.countDown();
        return;
      }
      if (message.path("ping").asBoolean(false)) {
        reply.put("pid", ProcessHandle.current().pid());
        reply.put("key", key);
        send(s.getOutputStream(), reply);
        return;
      }
      runRequest(s, message.path("request"), reply, message.path("background").asBoolean(false));
    } catch (SocketException e) {
      // the client went away
    } catch (Throwable e) {
      // whatever one connection did (garbage, a Jackson bug, a StackOverflowError), the next is served
      System.err.println("trailhive-engine: request failed: " + e);
    } finally {
      unauthenticated.remove(s);
    }
  }

  /**
   * A background request (see {@link Background}) is not watched: its client leaves once it is
   * taken, and the engine stays up (busy) until it ends. A foreground request waiting behind one asks
   * it to yield.
   */
  private void runRequest(Socket s, JsonNode request, ObjectNode reply, boolean background) throws IOException, InterruptedException {
    OutputStream out = s.getOutputStream();
    s.setSoTimeout(0);
    busy.incrementAndGet();
    // 0 waiting for Hive, 1 running, 2 answered; the watcher kills jobs only while running
    AtomicInteger state = new AtomicInteger(0);
    Thread heartbeat = null;
    try {
      // A newline first says the request was taken: a client whose connection breaks before it
      // knows the request never ran and may send it again; after it, that the engine died on it.
      synchronized (out) {
        out.write('\n');
        out.flush();
      }
      heartbeat = heartbeat(out);
      AtomicBoolean gone = background ? new AtomicBoolean(false) : watchClient(s, state);
      if (background) {
        hive.lockInterruptibly();
      } else {
        while (!hive.tryLock(YIELD_POLL_MS, TimeUnit.MILLISECONDS)) Background.askToYield();
      }
      if (background) Background.begin();
      try {
        if (gone.get() || stopping) return;
        state.set(1);
        reply.put("served", served.incrementAndGet());
        Metrics.startRequest();
        try {
          Engine.run(request, reply);
        } catch (Throwable e) {
          reply.put("crash", e.toString());
          e.printStackTrace();
        } finally {
          state.set(2);
        }
        Metrics.put(reply.putObject("metrics"));
        heartbeat.interrupt();
        if (stopping) return;
        send(out, reply);
        // Give the heap back between requests: an idle engine should hold as little as it can.
        System.gc();
      } finally {
        if (background) Background.end();
        hive.unlock();
      }
    } finally {
      if (heartbeat != null) heartbeat.interrupt();
      state.set(2);
      lastRequestEnd.set(System.nanoTime());
      busy.decrementAndGet();
    }
  }

  /** A newline every few seconds while a request waits or runs: silence means a hung engine. */
  private static Thread heartbeat(OutputStream out) {
    Thread t = new Thread(() -> {
      try {
        while (true) {
          Thread.sleep(HEARTBEAT_MS);
          synchronized (out) {
            out.write('\n');
            out.flush();
          }
        }
      } catch (InterruptedException | IOException done) {
        // answered, or the client is gone
      }
    }, "trailhive-heartbeat");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /**
   * The client sends nothing after its request line and keeps its end open, so the end of its stream
   * means it went away (Ctrl-C): its query's MapReduce jobs are killed, as hive-cli does on Ctrl-C,
   * instead of running on unseen while the next command waits behind them; a request still waiting
   * for Hive is dropped.
   */
  private static AtomicBoolean watchClient(Socket s, AtomicInteger state) {
    AtomicBoolean gone = new AtomicBoolean(false);
    Thread watcher = new Thread(() -> {
      try {
        while (s.getInputStream().read() >= 0) {
          // nothing more is expected; read until the end
        }
      } catch (IOException closed) {
        // the same: the client is gone
      }
      gone.set(true);
      if (state.get() == 1) {
        System.err.println("trailhive-engine: the client went away; killing its running jobs");
        HadoopJobExecHelper.killRunningJobs();
      }
    }, "trailhive-client-watch");
    watcher.setDaemon(true);
    watcher.start();
    return gone;
  }

  /** Why the line cannot be a request (too deep, or not one JSON object), or null: a streaming pass, so depth never recurses. */
  private static String depthProblem(byte[] line) throws IOException {
    try (JsonParser p = Json.MAPPER.getFactory().createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) return "request is not a JSON object";
      int depth = 1;
      while (depth > 0) {
        JsonToken t = p.nextToken();
        if (t == null) return "request is not one JSON object";
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          if (++depth > MAX_REQUEST_DEPTH) return "request nested deeper than " + MAX_REQUEST_DEPTH + " levels";
        } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          depth--;
        }
      }
      return p.nextToken() == null ? null : "request is more than one JSON object";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return "request is not JSON";
    }
  }

  private static void send(OutputStream out, ObjectNode reply) throws IOException {
    byte[] bytes = Json.MAPPER.writeValueAsBytes(reply);
    synchronized (out) {
      out.write(bytes);
      out.write('\n');
      out.flush();
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  /**
   * Reads lines of at most `max` bytes before a fixed deadline: each read waits only for what is left
   * of it, so bytes arriving one by one do not extend it.
   */
  static final class LineReader {
    static final class Refused extends IOException {
      Refused(String why) {
        super(why);
      }
    }

    private final Socket socket;
    private final InputStream in;
    private final byte[] buf = new byte[8192];
    private int pos;
    private int end;

    LineReader(Socket socket) throws IOException {
      this.socket = socket;
      this.in = socket.getInputStream();
    }

    /** The line without its newline, or null when the stream ended before any byte of it. */
    byte[] readLine(int max, long deadlineNanos) throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      while (true) {
        for (int i = pos; i < end; i++) {
          if (buf[i] == '\n') {
            if (line.size() + i - pos > max) throw new Refused("a line longer than " + max + " bytes");
            line.write(buf, pos, i - pos);
            pos = i + 1;
            return line.toByteArray();
          }
        }
        line.write(buf, pos, end - pos);
        pos = end;
        if (line.size() > max) throw new Refused("a line longer than " + max + " bytes");
        long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        if (left <= 0) throw new Refused("no complete line in time");
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
        int n;
        try {
          n = in.read(buf, 0, buf.length);
        } catch (SocketTimeoutException e) {
          throw new Refused("no complete line in time");
        }
        if (n < 0) {
          if (line.size() == 0) return null;
          throw new Refused("the connection closed mid-line");
        }
        pos = 0;
        end = n;
      }
    }
  }

  private static void writeDescriptor(File descriptor, int port, String token, String key) throws IOException {
    ObjectNode d = JsonNodeFactory.instance.objectNode();
    d.put("pid", ProcessHandle.current().pid());
    d.put("port", port);
    d.put("token", token);
    d.put("key", key);
    d.put("started", startTime());
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

  /**
   * This process's start time as a client can read it for any pid: on Linux field 22 of
   * /proc/self/stat (clock ticks since boot, exact), elsewhere milliseconds since the epoch.
   */
  private static String startTime() {
    try {
      String stat = Files.readString(Paths.get("/proc/self/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return "stat:" + fields[22 - 3];
    } catch (Exception notLinux) {
      return "ms:" + ProcessHandle.current().info().startInstant().map(i -> i.toEpochMilli()).orElse(-1L);
    }
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
