"""switchyard: the control plane that hands work to agent models."""
