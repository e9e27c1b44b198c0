package dev.lanebench.runners.proxy.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ToolTableTest {

    @Test
    void longNamesAreCutTo64WithAStableHashThatTellsThemApart() {
        String a = "mcp__server__" + "x".repeat(80) + "_one";
        String b = "mcp__server__" + "x".repeat(80) + "_two";
        String up = ToolTable.upstreamName(null, a);
        assertThat(up).hasSize(64).matches("[A-Za-z0-9_-]+");
        assertThat(ToolTable.upstreamName(null, a)).isEqualTo(up);
        assertThat(ToolTable.upstreamName(null, b)).isNotEqualTo(up);
        assertThat(ToolTable.upstreamName(null, "Read")).isEqualTo("Read");
    }

    @Test
    void theTableMapsUpstreamNamesBackToTheClientsTool() {
        ToolTable t = new ToolTable();
        String ns = t.add("multi_agent_v1", "spawn_agent", ToolTable.Kind.FUNCTION);
        String patch = t.add(null, "apply_patch", ToolTable.Kind.CUSTOM);
        assertThat(ns).isEqualTo("multi_agent_v1__spawn_agent");
        assertThat(t.client(ns)).isEqualTo(new ToolTable.ClientTool("multi_agent_v1", "spawn_agent", ToolTable.Kind.FUNCTION));
        assertThat(t.client(patch).kind()).isEqualTo(ToolTable.Kind.CUSTOM);
        assertThat(t.client("unknown")).isEqualTo(new ToolTable.ClientTool(null, "unknown", ToolTable.Kind.FUNCTION));
    }
}
