"""helpdesk: a small multi-tenant support-ticket API (standard library only)."""
__version__ = "2.3.1"
