package io.kroute.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An operating-system lock on a data folder ({@value #FILE_NAME} in it), held for the life of the process: a
 * second kroute on the same folder is refused before it opens anything else there. The file holds the pid of
 * the holder, for the message the second one prints. The lock goes with the process, however it ends.
 */
public final class DataFolderLock implements AutoCloseable {

    /** The lock file's name inside the data folder. */
    public static final String FILE_NAME = "kroute.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataFolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code dataDir}. When the folder has no lock file yet, {@code beforeCreating} runs first
     * (the start-up checks that must leave nothing on disk when they fail), then the folder and lock file are
     * created; when it has one, it is locked first, so a second instance is told about the first before anything.
     *
     * @throws IllegalStateException naming the folder and the holder's pid when another process holds the lock,
     *     or the folder when it cannot be written
     */
    public static DataFolderLock acquire(Path dataDir, Runnable beforeCreating) {
        Path file = dataDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            DataFolderLock lock = lock(dataDir, file);
            try {
                beforeCreating.run();
            } catch (RuntimeException e) {
                lock.close();
                throw e;
            }
            return lock;
        }
        requireWritable(dataDir);
        beforeCreating.run();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw unwritable(dataDir, e.getMessage());
        }
        return lock(dataDir, file);
    }

    private static DataFolderLock lock(Path dataDir, Path file) {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw unwritable(dataDir, e.getMessage());
        }
        try {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this very process (another runtime in the same JVM)
            }
            if (lock == null) {
                String holder = holder(channel);
                channel.close();
                throw new IllegalStateException("data folder " + dataDir + " is in use by another kroute (pid "
                        + holder + "); stop it, or give this one another folder with "
                        + Setting.DATA_DIR.flag());
            }
            byte[] pid = Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(pid), 0);
            channel.force(false);
            return new DataFolderLock(channel, lock);
        } catch (IOException e) {
            close(channel);
            throw new UncheckedIOException("cannot lock the data folder " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
        return pid.isEmpty() ? "unknown" : pid;
    }

    /** Fails unless {@code dataDir}, or the nearest folder above it that exists, can be written. */
    static void requireWritable(Path dataDir) {
        Path existing = dataDir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            throw unwritable(dataDir, existing == null ? "no folder above it exists"
                    : existing + (Files.isDirectory(existing) ? " is not writable" : " is not a folder"));
        }
    }

    private static IllegalStateException unwritable(Path dataDir, String why) {
        return new IllegalStateException("data folder " + dataDir + " cannot be written (" + why + "); choose a "
                + "writable one with " + Setting.DATA_DIR.flag() + " (setting " + Setting.DATA_DIR.property() + ")");
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel below releases it too
        }
        close(channel);
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing held any more
        }
    }
}
