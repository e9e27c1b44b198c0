"""Agent execution engine."""
