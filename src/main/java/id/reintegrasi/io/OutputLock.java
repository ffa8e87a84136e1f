package id.reintegrasi.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One run at a time per output folder: a lock file {@code .<output>.lock} beside the output.
 *
 * <p>On a local file system the lock is an operating-system lock on that file, which the kernel
 * drops when the process dies, even by {@code kill -9}: a killed run never leaves it stuck. On
 * other file systems (HDFS, object stores) the lock is the file itself, created exclusively and
 * holding the owner's host, process id and start time; it is taken over when its owner is a dead
 * process of this host, or when it is older than {@link #STALE_AFTER}, and the message says how
 * to remove it by hand.
 */
public final class OutputLock implements AutoCloseable {
  /** A lock file left by a run on another host is trusted for this long. */
  static final Duration STALE_AFTER = Duration.ofHours(24);
  private static final Logger LOG = LogManager.getLogger(OutputLock.class);

  private final FileSystem fs;
  private final Path path;
  private final FileChannel channel;
  private final FileLock lock;
  private boolean closed;

  private OutputLock(FileSystem fs, Path path, FileChannel channel, FileLock lock) {
    this.fs = fs;
    this.path = path;
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock file of an output folder. */
  static Path lockPath(Path output) {
    return new Path(output.getParent(), "." + output.getName() + ".lock");
  }

  /** Takes the lock of {@code output} or throws an {@link InputException} naming its holder. */
  public static OutputLock acquire(FileSystem fs, Path output, String outputOption) {
    Path path = lockPath(output);
    try {
      fs.mkdirs(path.getParent());
      if (fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem) {
        return local(fs, path, outputOption);
      }
      return shared(fs, path, outputOption);
    } catch (IOException e) {
      throw new InputException("Cannot lock --output " + outputOption + " (" + path.getName() + "): " + e.getMessage(), e);
    }
  }

  private static OutputLock local(FileSystem fs, Path path, String outputOption) throws IOException {
    java.nio.file.Path file = java.nio.file.Path.of(fs.makeQualified(path).toUri());
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by another run in this same JVM
    }
    if (lock == null) {
      String holder = readHolder(channel);
      channel.close();
      throw busy(outputOption, holder, null);
    }
    channel.truncate(0);
    channel.write(ByteBuffer.wrap(owner().getBytes(StandardCharsets.UTF_8)), 0);
    channel.force(false);
    return new OutputLock(fs, path, channel, lock);
  }

  private static OutputLock shared(FileSystem fs, Path path, String outputOption) throws IOException {
    for (int attempt = 0; attempt < 2; attempt++) {
      try (OutputStream out = fs.create(path, false)) {
        out.write(owner().getBytes(StandardCharsets.UTF_8));
        return new OutputLock(fs, path, null, null);
      } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
        String holder;
        try (InputStream in = fs.open(path)) {
          holder = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        Instant modified = Instant.ofEpochMilli(fs.getFileStatus(path).getModificationTime());
        if (!isStale(holder, modified, Instant.now())) {
          throw busy(outputOption, holder, path);
        }
        LOG.warn("Taking over the stale lock {} of a run that ended without releasing it ({})", path, holder);
        fs.delete(path, false);
      }
    }
    throw busy(outputOption, "another run", path);
  }

  /** A lock file is stale when its owner is a dead process of this host, or when it is old. */
  static boolean isStale(String holder, Instant modified, Instant now) {
    String[] parts = holder.split(" ");
    if (parts.length >= 2 && parts[0].startsWith("host=") && parts[1].startsWith("pid=")
        && parts[0].substring(5).equals(hostName())) {
      try {
        long pid = Long.parseLong(parts[1].substring(4));
        return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
      } catch (NumberFormatException e) {
        // fall through to the age test
      }
    }
    return Duration.between(modified, now).compareTo(STALE_AFTER) > 0;
  }

  private static InputException busy(String outputOption, String holder, Path file) {
    String msg = "Another run is writing to --output " + outputOption
        + (holder == null || holder.isEmpty() ? "" : " (" + holder + ")")
        + ": wait for it to finish, or choose another output folder.";
    if (file != null) {
      msg += " If no run is going on, remove the lock file " + file + ".";
    }
    return new InputException(msg);
  }

  private static String readHolder(FileChannel channel) {
    try {
      ByteBuffer buf = ByteBuffer.allocate(512);
      int n = channel.read(buf, 0);
      return n <= 0 ? "" : new String(buf.array(), 0, n, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return "";
    }
  }

  private static String owner() {
    return "host=" + hostName() + " pid=" + ProcessHandle.current().pid() + " since=" + Instant.now() + "\n";
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Releases the lock; the local lock file stays (removing it would race with a waiting run). */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (lock != null) {
        lock.release();
        channel.close();
      } else {
        fs.delete(path, false);
      }
    } catch (IOException e) {
      LOG.warn("Could not release the output lock {}: {}", path, e.getMessage());
    }
  }
}
