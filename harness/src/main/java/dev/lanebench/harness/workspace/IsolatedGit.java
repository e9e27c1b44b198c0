package dev.lanebench.harness.workspace;

import java.io.File;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * Keeps the user's and the system's git configuration away from the harness's git work: a global
 * {@code filter.*.clean}, {@code core.hooksPath} or {@code diff.*.textconv} there would let a workspace's
 * {@code .gitattributes} make JGit run a command while the harness takes the diff.
 */
final class IsolatedGit {
    private static boolean installed;

    private IsolatedGit() {
    }

    static synchronized void install() {
        if (installed) {
            return;
        }
        SystemReader.setInstance(new SystemReader.Delegate(SystemReader.getInstance()) {
            @Override
            public FileBasedConfig openUserConfig(Config parent, FS fs) {
                return empty(parent, fs);
            }

            @Override
            public FileBasedConfig openSystemConfig(Config parent, FS fs) {
                return empty(parent, fs);
            }

            @Override
            public FileBasedConfig openJGitConfig(Config parent, FS fs) {
                return empty(parent, fs);
            }
        });
        installed = true;
    }

    private static FileBasedConfig empty(Config parent, FS fs) {
        return new FileBasedConfig(parent, (File) null, fs) {
            @Override
            public void load() {
                // nothing: no configuration outside the harness's own repositories
            }

            @Override
            public boolean isOutdated() {
                return false;
            }

            @Override
            public void save() {
                // nothing: JGit's file-system timing cache is not kept between runs
            }
        };
    }
}
