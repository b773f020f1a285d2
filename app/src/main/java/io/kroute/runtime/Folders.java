package io.kroute.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Folder helpers for the data folders kroute and its benchmark harness create. */
public final class Folders {

    private Folders() {
    }

    /**
     * Deletes {@code root} and everything under it; does nothing when it does not exist.
     *
     * @param what what the folder is, for the error message (e.g. "the data folder")
     * @throws UncheckedIOException when something under it cannot be deleted
     */
    public static void deleteRecursively(Path root, String what) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    if (exc != null) {
                        throw exc;
                    }
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + what + " " + root + ": " + e.getMessage(), e);
        }
    }

    /** Deletes everything in {@code root} except its direct child named {@code keep}. */
    public static void deleteContents(Path root, String keep, String what) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (var children = Files.list(root)) {
            for (Path child : children.filter(c -> !c.getFileName().toString().equals(keep)).toList()) {
                if (Files.isDirectory(child)) {
                    deleteRecursively(child, what);
                } else {
                    Files.delete(child);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + what + " " + root + ": " + e.getMessage(), e);
        }
    }
}
