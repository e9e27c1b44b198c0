package dev.lanebench.runners.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@code docker exec} in a session's container, seen as a process: its output streamed as it comes, its end
 * awaited, its exit status read back. The engine cannot kill an exec, so ending it means ending every process of
 * the agent's user in the container ({@code killAll}), which is also done after it ends so nothing it started lives
 * on.
 */
final class ExecProcess implements SandboxedProcess {
    private final DockerClient client;
    private final String execId;
    private final PipedInputStream output;
    private final CountDownLatch done = new CountDownLatch(1);
    private final Runnable killAll;
    private volatile boolean cleaned;

    private ExecProcess(DockerClient client, String execId, PipedInputStream output, Runnable killAll) {
        this.client = client;
        this.execId = execId;
        this.output = output;
        this.killAll = killAll;
    }

    static ExecProcess start(DockerClient client, String container, String user, List<String> argv, Map<String, String> env,
                             byte[] stdin, Path stderr, Runnable killAll) throws IOException {
        String execId = client.execCreateCmd(container).withUser(user).withWorkingDir(BwrapSandbox.WORKSPACE.toString())
                .withEnv(env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withAttachStdout(true).withAttachStderr(true).withAttachStdin(stdin != null)
                .withCmd(argv.toArray(String[]::new)).exec().getId();
        PipedInputStream in = new PipedInputStream(64 * 1024);
        PipedOutputStream out = new PipedOutputStream(in);
        OutputStream err = stderr == null ? out : Files.newOutputStream(stderr);
        ExecProcess p = new ExecProcess(client, execId, in, killAll);
        var start = client.execStartCmd(execId);
        if (stdin != null) {
            start = start.withStdIn(new ByteArrayInputStream(stdin));
        }
        start.exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
                try {
                    (frame.getStreamType() == StreamType.STDERR ? err : out).write(frame.getPayload());
                    out.flush();
                } catch (IOException readerGone) {
                    // nobody reads any more: the rest is dropped
                }
            }

            @Override
            public void onComplete() {
                finish();
            }

            @Override
            public void onError(Throwable throwable) {
                finish();
            }

            private void finish() {
                try {
                    out.close();
                    if (err != out) {
                        err.close();
                    }
                } catch (IOException ignored) {
                    // closing is all that is left
                }
                p.done.countDown();
            }
        });
        return p;
    }

    @Override
    public InputStream output() {
        return output;
    }

    @Override
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        boolean finished = done.await(timeout, unit);
        if (finished && !cleaned) {
            cleaned = true;
            killAll.run();
        }
        return finished;
    }

    @Override
    public int exitValue() {
        Long code = client.inspectExecCmd(execId).exec().getExitCodeLong();
        return code == null ? -1 : code.intValue();
    }

    @Override
    public boolean isAlive() {
        return done.getCount() > 0;
    }

    @Override
    public void sample() {
        // the container holds them all
    }

    @Override
    public boolean hasLeftovers() {
        return false;
    }

    @Override
    public void kill() {
        killAll.run();
        try {
            done.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        cleaned = true;
    }

    /** The container is being removed: nothing to kill, only stop waiting. */
    void abandon() {
        done.countDown();
    }

    @Override
    public int seenCount() {
        return -1;
    }
}
