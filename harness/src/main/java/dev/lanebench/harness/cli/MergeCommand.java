package dev.lanebench.harness.cli;

import dev.lanebench.harness.merge.RunMerge;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code lanebench merge OUT PART...}: the parts (shards) of one run into one run folder. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Merge the run folders of one run (its shards) into OUT.",
            "Rows are unioned by the resume rules, transcripts, patches, checks",
            "and routes follow them, run.json keeps every part's provenance",
            "under shards. An OUT that holds a merge already counts as a part,",
            "so merging again is safe. Parts with different task hashes are",
            "refused. Exit 0 when every replication of the plan scored."})
final class MergeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "OUT", description = "The merged run folder (new, or an earlier merge).")
    Path out;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "PART", description = "Run folders of the same run.")
    List<Path> parts;

    @Override
    public Integer call() throws IOException {
        RunMerge.Result r = RunMerge.merge(out, parts, System.out);
        System.out.println("merged " + r.parts() + " part" + (r.parts() == 1 ? "" : "s") + " into " + r.out() + ": "
                + r.rows() + " rows" + (r.duplicates() > 0 ? ", " + r.duplicates() + " duplicate rows dropped" : "")
                + (r.dropped() > 0 ? ", " + r.dropped() + " attempts after a final one dropped" : "")
                + (r.renumbered() > 0 ? ", " + r.renumbered() + " attempts renumbered" : ""));
        if (!r.missingShards().isEmpty()) {
            System.out.println("warning: shards " + r.missingShards() + " are missing: their replications are not in the merge");
        }
        System.out.println();
        System.out.print(Files.readString(out.resolve("summary.md")));
        return r.complete() ? 0 : 1;
    }
}
