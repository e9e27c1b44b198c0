"""Engine v1: concurrent tool calls with retries, budgets, cancellation and the audit log (stubs)."""
