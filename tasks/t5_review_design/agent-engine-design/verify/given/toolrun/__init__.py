"""toolrun: runs the tool calls an agent asks for, and keeps the audit trail compliance relies on."""
__version__ = "0.4.2"
