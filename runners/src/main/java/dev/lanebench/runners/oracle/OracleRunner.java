package dev.lanebench.runners.oracle;

import dev.lanebench.runners.agent.AgentOutcome;
import dev.lanebench.runners.agent.AgentTask;
import dev.lanebench.runners.agent.Readiness;
import dev.lanebench.runners.agent.Runner;
import dev.lanebench.runners.agent.ToolKind;
import dev.lanebench.runners.agent.TranscriptEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;

/** The lane that overlays the task's reference solution: the ceiling every task must reach. */
public final class OracleRunner implements Runner {
    @Override
    public Readiness readiness(Map<String, String> env) {
        return Readiness.ok();
    }

    @Override
    public AgentOutcome run(AgentTask task) {
        Path solution = task.solution().orElse(null);
        if (solution == null || !Files.isDirectory(solution)) {
            task.log().event(TranscriptEvent.error("task has no solution/ folder"));
            return new AgentOutcome(false, 0, null, "no solution/", false, Map.of());
        }
        try {
            overlay(solution, task);
        } catch (UncheckedIOException e) {
            return new AgentOutcome(false, 0, null, "overlay failed: " + e.getCause().getMessage(), false, Map.of());
        }
        return AgentOutcome.finished(0);
    }

    private static void overlay(Path solution, AgentTask task) {
        Path workspace = task.workspace();
        try {
            Files.walkFileTree(solution, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Files.createDirectories(workspace.resolve(solution.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    String rel = solution.relativize(file).toString();
                    Files.copy(file, workspace.resolve(rel), StandardCopyOption.REPLACE_EXISTING);
                    task.log().event(TranscriptEvent.toolCall(ToolKind.WRITE, "overlay", Map.of("path", rel), true));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean modelDriven() {
        return false;
    }
}
