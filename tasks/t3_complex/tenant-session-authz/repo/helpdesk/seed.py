"""Loads a fixture (tenants, users, tickets, comments) into an empty database: demo data and tests.

    {"tenants": [{"slug": "acme", "name": "Acme Corp",
                  "users": [{"email": "...", "name": "...", "role": "agent", "password": "..."}],
                  "tickets": [{"requester": "<email>", "subject": "...", "body": "...", "status": "open",
                               "comments": [{"author": "<email>", "body": "...", "internal": false}]}]}]}
"""
import json


def load(app, fixture: dict) -> dict:
    """Inserts the fixture; returns {(tenant slug, email): user id} and {(tenant slug, subject): ticket id}."""
    users, tickets = {}, {}
    db = app.db
    for t in fixture.get("tenants", []):
        tenant_id = db.create_tenant(t["slug"], t.get("name", t["slug"]))
        for u in t.get("users", []):
            email = u["email"].strip().lower()
            users[(t["slug"], email)] = db.create_user(tenant_id, email, u.get("name", email), u.get("role", "customer"),
                                                       app.hash_password(u["password"]))
        for k in t.get("tickets", []):
            requester = users[(t["slug"], k["requester"].lower())]
            ticket_id = db.create_ticket(tenant_id, requester, k["subject"], k["body"])
            if k.get("status", "open") != "open":
                db.update_ticket(ticket_id, status=k["status"])
            for c in k.get("comments", []):
                db.add_comment(ticket_id, users[(t["slug"], c["author"].lower())], c["body"], c.get("internal", False))
            tickets[(t["slug"], k["subject"])] = ticket_id
    return {"users": users, "tickets": tickets}


def load_file(app, path) -> dict:
    with open(path, encoding="utf-8") as fh:
        return load(app, json.load(fh))
