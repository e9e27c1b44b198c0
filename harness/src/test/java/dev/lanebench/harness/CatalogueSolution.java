package dev.lanebench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shipped catalogue's reference solution of a task, file by file: what a scripted model writes to solve it. */
public record CatalogueSolution(Path tasksDir, List<File> files) {

    /** One solution file: its path relative to the workspace and its text. */
    public record File(String path, String content) {
    }

    public static final Path CATALOGUE = Path.of("../tasks").toAbsolutePath().normalize();

    public static CatalogueSolution of(String tier, String id) throws IOException {
        Path solution = CATALOGUE.resolve(tier).resolve(id).resolve("solution");
        try (Stream<Path> s = Files.walk(solution)) {
            List<File> files = s.filter(Files::isRegularFile).sorted().map(p -> {
                try {
                    return new File(solution.relativize(p).toString(), Files.readString(p));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
            return new CatalogueSolution(CATALOGUE, files);
        }
    }
}
