package dev.lanebench.harness.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * An attempt's fresh copy of a task's repo/, made a git repository with one baseline commit, so the agent's
 * change can be taken exactly (new, modified, deleted, binary files) whatever the agent did with git itself.
 */
public final class Workspace implements AutoCloseable {
    private static final PersonIdent BASELINE = new PersonIdent("lanebench", "baseline@lanebench.invalid", 0L, 0);
    private final Path dir;
    private final ObjectId baseline;

    private Workspace(Path dir, ObjectId baseline) {
        this.dir = dir;
        this.baseline = baseline;
    }

    /** Copies {@code repo} into {@code dir} (which must not exist) and commits it as the baseline. */
    public static Workspace create(Path repo, Path dir) throws IOException {
        Files.createDirectories(dir.getParent());
        Files.createDirectory(dir);
        copyTree(repo, dir);
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            ObjectId commit = git.commit().setMessage("lanebench baseline").setAuthor(BASELINE).setCommitter(BASELINE)
                    .setSign(false).setAllowEmpty(true).call().getId();
            return new Workspace(dir, commit);
        } catch (GitAPIException e) {
            throw new IOException("cannot create baseline commit in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Copies files and folders; symbolic links are copied as links, never followed out of the source. */
    public static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(d).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                Files.copy(f, to.resolve(from.relativize(f).toString()), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    public Path dir() {
        return dir;
    }

    /**
     * The agent's change against the baseline as a unified diff (binary files are named, not inlined); empty
     * when nothing changed. The agent may have committed, reset or deleted .git: the diff is always taken
     * between the baseline tree and the files on disk.
     */
    public String diff() throws IOException {
        Path gitDir = dir.resolve(".git");
        if (!Files.isDirectory(gitDir.resolve("objects"))) {
            throw new IOException("the agent removed the workspace's .git; the change cannot be measured");
        }
        try (Git git = Git.open(dir.toFile())) {
            Repository repo = git.getRepository();
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ObjectReader reader = repo.newObjectReader(); DiffFormatter fmt = new DiffFormatter(out)) {
                fmt.setRepository(repo);
                fmt.setDetectRenames(false);
                CanonicalTreeParser base = new CanonicalTreeParser();
                base.reset(reader, repo.parseCommit(baseline).getTree());
                DirCacheIterator index = new DirCacheIterator(repo.readDirCache());
                for (DiffEntry entry : fmt.scan(base, index)) {
                    fmt.format(entry);
                }
            }
            return out.toString(java.nio.charset.StandardCharsets.UTF_8);
        } catch (GitAPIException e) {
            throw new IOException("cannot diff workspace " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        deleteTree(dir);
    }

    public static void deleteTree(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    p.toFile().setWritable(true);
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
