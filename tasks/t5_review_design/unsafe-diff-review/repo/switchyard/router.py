"""Picks the model that serves a task, from config/routing.yaml, models.yaml and authority.yaml.

The configs are parsed by switchyard.config (not shown here) into plain dicts.
"""
import logging

log = logging.getLogger("switchyard.router")


class NoRoute(Exception):
    """No model may serve this task right now; the task stays queued."""


def usable(models: dict, name: str) -> bool:
    m = models.get(name, {})
    return bool(m.get("enabled")) and not m.get("quarantined", False)


def permitted(authority: dict, model: str, task_class: str) -> bool:
    rule = authority.get(model, {}).get(task_class, False)
    return rule is True or rule == "needs_human" or (isinstance(rule, list) and len(rule) > 0)


def pick_model(routing: dict, models: dict, authority: dict, health: dict, task_class: str,
               engaged: bool) -> str:
    """The model for task_class; `engaged` is True once an operator ran `switchyard fallback engage`."""
    primary = routing["primary"]["model"]
    if health.get(primary) == "up" and usable(models, primary):
        if not permitted(authority, primary, task_class):
            raise NoRoute(f"{primary} may not do {task_class}")
        return primary

    fallback = routing["fallback"]
    if fallback.get("mode") != "manual":
        raise NoRoute(f"unsupported fallback mode {fallback.get('mode')!r}")
    if not engaged:
        raise NoRoute(f"{primary} is down; fallback not engaged by an operator")
    for name in fallback.get("chain", [fallback["model"]]):
        if health.get(name) == "up" and usable(models, name) and permitted(authority, name, task_class):
            log.info("fallback %s serves %s", name, task_class)
            return name
    raise NoRoute(f"no fallback model may do {task_class}")
