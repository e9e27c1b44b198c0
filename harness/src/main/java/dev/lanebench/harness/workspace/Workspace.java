package dev.lanebench.harness.workspace;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.NotIgnoredFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * An attempt's fresh copy of a task's repo/ with a baseline commit kept in a git directory of the harness's
 * own, beside the workspace and out of the agent's reach, so the agent's change can be taken exactly (new,
 * modified, deleted, binary files) whatever the agent did to the workspace's own {@code .git}: its config,
 * hooks, filters and index are never read, and nested {@code .git} folders hide nothing. The agent gets a
 * copy of the baseline repository as the workspace's {@code .git} to use as it likes.
 */
public final class Workspace implements AutoCloseable {
    /** Files larger than this are named in the patch, never read into memory. */
    public static final long MAX_DIFFED_FILE = 1024 * 1024;
    /** Past this, the rest of the workspace is named as not diffed. */
    public static final Duration MAX_DIFF_TIME = Duration.ofSeconds(30);
    private static final PersonIdent BASELINE = new PersonIdent("lanebench", "baseline@lanebench.invalid", 0L, 0);
    private final Path dir;
    private final Path gitDir;
    private final ObjectId baseline;

    static {
        IsolatedGit.install();
    }

    private Workspace(Path dir, Path gitDir, ObjectId baseline) {
        this.dir = dir;
        this.gitDir = gitDir;
        this.baseline = baseline;
    }

    /**
     * Copies {@code repo} into {@code dir} (which must not exist), commits it as the baseline in a git directory
     * beside it ({@code <dir>.baseline.git}) and gives the workspace a copy of that repository as its .git.
     */
    public static Workspace create(Path repo, Path dir) throws IOException {
        Path gitDir = dir.resolveSibling(dir.getFileName() + ".baseline.git");
        Files.createDirectories(dir.getParent());
        Files.createDirectory(dir);
        copyTree(repo, dir);
        ObjectId commit;
        try (Git git = Git.init().setGitDir(gitDir.toFile()).setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            commit = git.commit().setMessage("lanebench baseline").setAuthor(BASELINE).setCommitter(BASELINE)
                    .setSign(false).setAllowEmpty(true).setNoVerify(true).call().getId();
        } catch (GitAPIException e) {
            throw new IOException("cannot create baseline commit in " + dir + ": " + e.getMessage(), e);
        }
        giveAgentItsRepository(gitDir, dir.resolve(".git"));
        return new Workspace(dir, gitDir, commit);
    }

    /** The agent's .git: the baseline repository, as an ordinary repository of the workspace. */
    private static void giveAgentItsRepository(Path gitDir, Path agentGit) throws IOException {
        // JGit leaves a "gitdir:" link file in a work tree whose repository lives elsewhere: the agent must not
        // learn where the harness's repository is, nor write to it.
        if (Files.isRegularFile(agentGit, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(agentGit);
        }
        copyTree(gitDir, agentGit);
        Files.writeString(agentGit.resolve("config"), "[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n"
                + "\tbare = false\n\tlogallrefupdates = true\n", StandardCharsets.UTF_8);
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
     * when nothing changed. Taken between the baseline tree and the files on disk, whatever the agent did
     * with git. Files over {@link #MAX_DIFFED_FILE}, special files (pipes, sockets) and whatever is left when
     * {@link #MAX_DIFF_TIME} has passed are named in a header line instead.
     */
    public String diff() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DiffBounds bounds = new DiffBounds(dir, MAX_DIFFED_FILE, System.nanoTime() + MAX_DIFF_TIME.toNanos());
        try (Repository repo = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setWorkTree(dir.toFile())
                .setMustExist(true).build();
             ObjectReader reader = repo.newObjectReader();
             DiffFormatter fmt = new DiffFormatter(out)) {
            fmt.setRepository(repo);
            fmt.setDetectRenames(false);
            fmt.setPathFilter(AndTreeFilter.create(new NotIgnoredFilter(1), bounds));
            CanonicalTreeParser base = new CanonicalTreeParser();
            base.reset(reader, repo.parseCommit(baseline).getTree());
            FileTreeIterator work = new FileTreeIterator(repo, FileTreeIterator.NoGitlinksStrategy.INSTANCE);
            for (DiffEntry entry : fmt.scan(base, work)) {
                fmt.format(entry);
            }
        }
        String diff = out.toString(StandardCharsets.UTF_8);
        return bounds.omitted().isEmpty() ? diff : String.join("", bounds.omitted()) + diff;
    }

    /** Keeps huge and special files and anything past the time bound out of the diff, and names them. */
    private static final class DiffBounds extends TreeFilter {
        private final Path root;
        private final long maxBytes;
        private final long deadlineNanos;
        private final List<String> omitted = new ArrayList<>();

        DiffBounds(Path root, long maxBytes, long deadlineNanos) {
            this.root = root;
            this.maxBytes = maxBytes;
            this.deadlineNanos = deadlineNanos;
        }

        List<String> omitted() {
            return omitted;
        }

        @Override
        public boolean include(TreeWalk walk) {
            String path = walk.getPathString();
            if (walk.isSubtree()) {
                return true;
            }
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(root.resolve(path), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException gone) {
                return true; // deleted: the diff shows that
            }
            if (System.nanoTime() > deadlineNanos) {
                omitted.add("# lanebench: not diffed (diff time limit reached): " + path + "\n");
                return false;
            }
            if (a.isOther()) {
                omitted.add("# lanebench: not diffed (not a regular file): " + path + "\n");
                return false;
            }
            if (a.isRegularFile() && a.size() > maxBytes) {
                omitted.add("# lanebench: not diffed (" + a.size() + " bytes, over " + maxBytes + "): " + path + "\n");
                return false;
            }
            return true;
        }

        @Override
        public boolean shouldBeRecursive() {
            return false;
        }

        @Override
        public TreeFilter clone() {
            return this;
        }
    }

    @Override
    public void close() {
        deleteTree(dir);
        deleteTree(gitDir);
    }

    /** Removes a folder tree, links themselves and never their targets; an error is thrown, not swallowed. */
    public static void deleteTree(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    if (!Files.isSymbolicLink(p)) {
                        p.toFile().setWritable(true);
                    }
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
